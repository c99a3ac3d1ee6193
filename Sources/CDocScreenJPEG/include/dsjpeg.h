#ifndef DOCSCREEN_DSJPEG_H
#define DOCSCREEN_DSJPEG_H

/*
 * DocScreen's shim over libjpeg(-turbo). It owns setjmp/longjmp so that a libjpeg error never
 * ends or corrupts the process: every call returns a DSJ_* code and keeps the library's message
 * text (dsj_message). Warnings (corrupt data, premature end) are counted and kept, never printed.
 * A decoder handle is used by one thread at a time; separate handles are independent.
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    DSJ_OK = 0,
    DSJ_ERR_CORRUPT = 1,     /* libjpeg error_exit: the message says why */
    DSJ_ERR_TRUNCATED = 2,   /* the data ended before the image did */
    DSJ_ERR_NOMEM = 3,       /* allocation failed or the memory cap was hit */
    DSJ_ERR_ARGS = 4,        /* a call out of order or an impossible argument */
    DSJ_ERR_LIMIT = 5        /* a safety limit (e.g. number of progressive scans) was exceeded */
};

/* The JPEG colour spaces this shim distinguishes (libjpeg's J_COLOR_SPACE values). */
enum {
    DSJ_CS_UNKNOWN = 0, DSJ_CS_GRAYSCALE = 1, DSJ_CS_RGB = 2, DSJ_CS_YCBCR = 3, DSJ_CS_CMYK = 4, DSJ_CS_YCCK = 5
};

typedef struct dsj_decoder dsj_decoder;

typedef struct {
    int width;            /* full-resolution pixels, from the frame header */
    int height;
    int components;       /* 1, 3 or 4 */
    int color_space;      /* DSJ_CS_* of the stored data */
    int progressive;      /* 1 for progressive (multi-scan) files */
    int saw_adobe;        /* 1 when an Adobe APP14 marker was seen (CMYK stored inverted) */
} dsj_header;

typedef struct {
    int full_width;       /* output size of the whole image at the chosen scale */
    int full_height;
    int x, y;             /* the region actually produced, in output (scaled) pixels */
    int width, height;
} dsj_output;

/* Allocates a decoder; NULL only when memory is exhausted. */
dsj_decoder *dsj_create(void);
/* Frees a decoder and everything it holds. NULL is accepted. */
void dsj_destroy(dsj_decoder *dec);

/* Caps: number of scans a progressive file may have (0 = 1000) and libjpeg's working memory in bytes (0 = none). */
void dsj_set_limits(dsj_decoder *dec, int max_scans, long max_memory);

/* Reads the markers up to the first scan; allocates no pixel memory. `data` must outlive the decoder. */
int dsj_read_header(dsj_decoder *dec, const uint8_t *data, size_t size, dsj_header *header);

/* The payload of the first APP1 "Exif" marker after dsj_read_header, or NULL; valid until dsj_destroy. */
const uint8_t *dsj_exif(const dsj_decoder *dec, size_t *length);

/* Colour (YCbCr or RGB) files decode to the brightest of each pixel's channels instead of luma when `on`: black
 * print stays dark while coloured print over it (a stamp, a drawn mark) pales. Set before dsj_start. */
void dsj_set_brightest_channel(dsj_decoder *dec, int on);

/*
 * Starts decompression to 8-bit luma (or the brightest channel, dsj_set_brightest_channel) at 1/scale_denom (1, 2, 4 or 8) of full size, limited to the
 * region (x, y, width, height) given in output (scaled) pixels; width or height <= 0 means all.
 * The region is clamped to the image; `out` tells what will be produced.
 */
int dsj_start(dsj_decoder *dec, int scale_denom, int x, int y, int width, int height, dsj_output *out);

/* Decodes the region into dst (out->height rows of `stride` >= out->width bytes). *rows_done counts finished rows. */
int dsj_read(dsj_decoder *dec, uint8_t *dst, size_t stride, int *rows_done);

/* The last error's message (empty if none). */
const char *dsj_message(const dsj_decoder *dec);
/* Number of libjpeg warnings so far, and the first and last warning's text (empty if none). */
int dsj_warning_count(const dsj_decoder *dec);
const char *dsj_first_warning(const dsj_decoder *dec);
const char *dsj_last_warning(const dsj_decoder *dec);
/* Bytes of input libjpeg has consumed so far. */
size_t dsj_bytes_consumed(const dsj_decoder *dec);

/*
 * Encodes 8-bit pixels (components 1 = gray, 3 = RGB, 4 = CMYK with 0 = no ink) to JPEG.
 * quality 1..100; progressive 0/1; ycck 1 stores 4-component input as YCCK instead of CMYK.
 * exif/exif_length: an optional APP1 payload (starting "Exif\0\0"), written after the JFIF/Adobe marker.
 * On success *out is a malloc'd buffer of *out_length bytes, freed with dsj_free.
 * The message of a failure is written into msg (msg_capacity bytes, always terminated).
 */
int dsj_encode(const uint8_t *pixels, size_t stride, int width, int height, int components,
               int quality, int progressive, int ycck, const uint8_t *exif, size_t exif_length,
               uint8_t **out, size_t *out_length, char *msg, size_t msg_capacity);

/* Frees a buffer returned by dsj_encode. */
void dsj_free(void *buffer);

/*
 * The reference decode for benchmarks: plain libjpeg (memory source, JCS_GRAYSCALE output, one
 * row buffer, no checks beyond libjpeg's own), as djpeg -grayscale does. Returns DSJ_OK or an error.
 */
int dsj_bare_decode_gray(const uint8_t *data, size_t size, uint64_t *checksum);

/* The same reference reading the file through stdio (jpeg_stdio_src), exactly as djpeg does. */
int dsj_bare_decode_gray_file(const char *path, uint64_t *checksum);

#ifdef __cplusplus
}
#endif

#endif
