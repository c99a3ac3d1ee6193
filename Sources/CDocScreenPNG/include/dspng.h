#ifndef DOCSCREEN_DSPNG_H
#define DOCSCREEN_DSPNG_H

/*
 * DocScreen's shim over libpng 1.6. It owns setjmp/longjmp so that a libpng error never ends or
 * corrupts the process: every call returns a DSP_* code and keeps libpng's message (dsp_message).
 * Warnings are counted and kept, never printed. Any colour type and bit depth, interlaced or not,
 * is read as 8-bit luma with alpha composited on white. One thread at a time per handle.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    DSP_OK = 0,
    DSP_ERR_CORRUPT = 1,     /* libpng error: the message says why */
    DSP_ERR_TRUNCATED = 2,   /* the data ended before the image did */
    DSP_ERR_NOMEM = 3,       /* allocation failed */
    DSP_ERR_ARGS = 4,        /* a call out of order or an impossible argument */
    DSP_ERR_LIMIT = 5        /* a libpng user limit (dimensions, chunk size or count) was exceeded */
};

/* PNG colour types, as in the IHDR chunk. */
enum {
    DSP_COLOR_GRAY = 0, DSP_COLOR_RGB = 2, DSP_COLOR_PALETTE = 3, DSP_COLOR_GRAY_ALPHA = 4, DSP_COLOR_RGBA = 6
};

typedef struct dsp_decoder dsp_decoder;

typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;      /* 1, 2, 4, 8 or 16 */
    int color_type;     /* DSP_COLOR_* */
    int interlaced;     /* 1 for Adam7 */
    int has_trns;       /* 1 when a tRNS chunk gives transparency */
} dsp_header;

/* Allocates a decoder; NULL only when memory is exhausted. */
dsp_decoder *dsp_create(void);
/* Frees a decoder. NULL is accepted. */
void dsp_destroy(dsp_decoder *dec);

/* libpng's user limits: width/height caps (0 = libpng default 1,000,000), largest ancillary chunk in bytes, number of cached chunks. */
void dsp_set_limits(dsp_decoder *dec, uint32_t max_width, uint32_t max_height, size_t max_chunk_bytes, uint32_t max_chunks);

/* Reads the signature and the chunks up to the image data; allocates no pixel memory. `data` must outlive the decoder. */
int dsp_read_header(dsp_decoder *dec, const uint8_t *data, size_t size, dsp_header *header);

/* Colour images decode to the brightest of each pixel's channels instead of luma when `on`: black print stays dark
 * while coloured print over it (a stamp, a drawn mark) pales. Set before dsp_read. */
void dsp_set_brightest_channel(dsp_decoder *dec, int on);

/*
 * Decodes the region (x, y, width, height), full-resolution pixels and inside the image, to 8-bit
 * luma (or the brightest channel, dsp_set_brightest_channel) into dst (height rows of `stride` >= width bytes). Interlaced images need a temporary
 * full-size buffer (width * height bytes, three times that for the brightest channel). *rows_done counts rows of the region finished.
 */
int dsp_read(dsp_decoder *dec, int x, int y, int width, int height, uint8_t *dst, size_t stride, int *rows_done);

/* The eXIf chunk's TIFF data when it came before the image data, or NULL; valid until dsp_destroy. */
const uint8_t *dsp_exif(const dsp_decoder *dec, size_t *length);

const char *dsp_message(const dsp_decoder *dec);
int dsp_warning_count(const dsp_decoder *dec);
const char *dsp_first_warning(const dsp_decoder *dec);
const char *dsp_last_warning(const dsp_decoder *dec);
size_t dsp_bytes_consumed(const dsp_decoder *dec);

/*
 * Encodes rows already packed as PNG stores them (bit depths below 8 packed high bit first,
 * 16-bit samples big-endian) with any colour type, bit depth and interlacing.
 * palette: palette_count RGB triplets (palette colour type); trns: alpha per palette entry;
 * trns_color (when not NULL): the transparent gray (index 0) or RGB (0..2) sample value.
 * compression 0..9. On success *out is a malloc'd buffer of *out_length bytes (free with dsp_free);
 * a failure's message is written into msg.
 */
int dsp_encode(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height, int color_type,
               int bit_depth, int interlace, const uint8_t *palette, int palette_count,
               const uint8_t *trns, int trns_count, const uint16_t *trns_color, int compression,
               uint8_t **out, size_t *out_length, char *msg, size_t msg_capacity);

/* Frees a buffer returned by dsp_encode. */
void dsp_free(void *buffer);

#ifdef __cplusplus
}
#endif

#endif
