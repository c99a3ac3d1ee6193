#ifndef DOCSCREEN_DSFREETYPE_H
#define DOCSCREEN_DSFREETYPE_H

/*
 * DocScreen's view of FreeType 2 (Debian's libfreetype-dev), used by the sample generator to
 * rasterise glyphs from real fonts. Nothing is wrapped: the Swift side calls FreeType directly
 * and owns every handle it opens. The include path comes from `pkg-config freetype2`.
 */

#include <ft2build.h>
#include FT_FREETYPE_H

#endif
