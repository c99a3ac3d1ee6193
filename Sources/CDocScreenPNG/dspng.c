/*
 * DocScreen's libpng shim: setjmp/longjmp error recovery, warnings collected instead of printed,
 * user limits against decompression bombs, every colour type to 8-bit luma composited on white,
 * and a general encoder.
 */
#include "dspng.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

#define DSP_MSG 256

enum { ST_FRESH = 0, ST_HEADER = 1, ST_DONE = 2, ST_FAILED = 3 };

struct dsp_decoder {
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t pos;
    int state;
    int eof_seen;
    int limit_hit;
    int warnings;
    int brightest;             /* dsp_set_brightest_channel: colour images give their brightest channel */
    uint32_t max_width, max_height, max_chunks;
    size_t max_chunk_bytes;
    png_bytep scratch;         /* row or full-image buffer of dsp_read, freed even after a longjmp */
    png_bytepp row_pointers;
    char message[DSP_MSG];
    char first_warning[DSP_MSG];
    char last_warning[DSP_MSG];
};

static void copy_message(char *dst, const char *src) {
    size_t n = src ? strlen(src) : 0;
    if (n >= DSP_MSG) n = DSP_MSG - 1;
    if (n) memcpy(dst, src, n);
    dst[n] = '\0';
}

static int contains(const char *text, const char *part) { return text && strstr(text, part) != NULL; }

static void on_error(png_structp png, png_const_charp text) {
    struct dsp_decoder *d = (struct dsp_decoder *)png_get_error_ptr(png);
    if (d) {
        copy_message(d->message, text);
        if (contains(text, "exceeds user limit")) d->limit_hit = 1;
    }
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp text) {
    struct dsp_decoder *d = (struct dsp_decoder *)png_get_error_ptr(png);
    if (!d) return;
    d->warnings++;
    if (contains(text, "exceeds user limit")) d->limit_hit = 1;
    if (d->first_warning[0] == '\0') copy_message(d->first_warning, text);
    copy_message(d->last_warning, text);
}

static void on_read(png_structp png, png_bytep out, size_t length) {
    struct dsp_decoder *d = (struct dsp_decoder *)png_get_io_ptr(png);
    if (length > d->size - d->pos) {
        d->eof_seen = 1;
        png_error(png, "read beyond end of data");
    }
    memcpy(out, d->data + d->pos, length);
    d->pos += length;
}

static void release_buffers(struct dsp_decoder *d) {
    free(d->scratch);
    free(d->row_pointers);
    d->scratch = NULL;
    d->row_pointers = NULL;
}

static int fail(struct dsp_decoder *d) {
    release_buffers(d);
    d->state = ST_FAILED;
    if (d->eof_seen) return DSP_ERR_TRUNCATED;
    if (d->limit_hit) return DSP_ERR_LIMIT;
    if (contains(d->message, "memory")) return DSP_ERR_NOMEM;
    return DSP_ERR_CORRUPT;
}

dsp_decoder *dsp_create(void) {
    struct dsp_decoder *d = (struct dsp_decoder *)calloc(1, sizeof(struct dsp_decoder));
    if (!d) return NULL;
    d->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, d, on_error, on_warning);
    if (!d->png) { free(d); return NULL; }
    d->info = png_create_info_struct(d->png);
    if (!d->info) { png_destroy_read_struct(&d->png, NULL, NULL); free(d); return NULL; }
    d->max_chunk_bytes = 8000000;
    d->max_chunks = 128;
    return d;
}

void dsp_destroy(dsp_decoder *d) {
    if (!d) return;
    png_destroy_read_struct(&d->png, &d->info, NULL);
    release_buffers(d);
    free(d);
}

void dsp_set_limits(dsp_decoder *d, uint32_t max_width, uint32_t max_height, size_t max_chunk_bytes, uint32_t max_chunks) {
    if (!d) return;
    d->max_width = max_width;
    d->max_height = max_height;
    if (max_chunk_bytes) d->max_chunk_bytes = max_chunk_bytes;
    if (max_chunks) d->max_chunks = max_chunks;
}

int dsp_read_header(dsp_decoder *d, const uint8_t *data, size_t size, dsp_header *h) {
    if (!d || !data || !h || d->state != ST_FRESH) return DSP_ERR_ARGS;
    d->data = data;
    d->size = size;
    d->pos = 0;
    if (setjmp(png_jmpbuf(d->png))) return fail(d);
    png_set_read_fn(d->png, d, on_read);
    png_set_user_limits(d->png, d->max_width ? d->max_width : 1000000u, d->max_height ? d->max_height : 1000000u);
    png_set_chunk_cache_max(d->png, d->max_chunks);
    png_set_chunk_malloc_max(d->png, d->max_chunk_bytes);
    /* Unknown chunks, text and colour profiles are never needed here: skip them unread. */
    png_set_keep_unknown_chunks(d->png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
    static const png_byte skipped[] = { 'i', 'C', 'C', 'P', 0, 'z', 'T', 'X', 't', 0, 'i', 'T', 'X', 't', 0,
                                        't', 'E', 'X', 't', 0, 's', 'P', 'L', 'T', 0 };
    png_set_keep_unknown_chunks(d->png, PNG_HANDLE_CHUNK_NEVER, skipped, 5);
    png_read_info(d->png, d->info);
    memset(h, 0, sizeof(*h));
    h->width = png_get_image_width(d->png, d->info);
    h->height = png_get_image_height(d->png, d->info);
    h->bit_depth = png_get_bit_depth(d->png, d->info);
    h->color_type = png_get_color_type(d->png, d->info);
    h->interlaced = png_get_interlace_type(d->png, d->info) != PNG_INTERLACE_NONE;
    h->has_trns = png_get_valid(d->png, d->info, PNG_INFO_tRNS) ? 1 : 0;
    d->state = ST_HEADER;
    return DSP_OK;
}

/* The brightest of each RGB pixel's channels: black print stays dark, coloured print (a stamp, a drawn mark) pales. */
static void rgb_to_brightest(const uint8_t *src, uint8_t *dst, int width) {
    for (int i = 0; i < width; i++) {
        uint8_t r = src[3 * i], g = src[3 * i + 1], b = src[3 * i + 2];
        uint8_t m = r > g ? r : g;
        dst[i] = m > b ? m : b;
    }
}

void dsp_set_brightest_channel(dsp_decoder *d, int on) {
    if (d) d->brightest = on ? 1 : 0;
}

int dsp_read(dsp_decoder *d, int x, int y, int width, int height, uint8_t *dst, size_t stride, int *rows_done) {
    if (rows_done) *rows_done = 0;
    if (!d || !dst || d->state != ST_HEADER) return DSP_ERR_ARGS;
    const uint32_t full_w = png_get_image_width(d->png, d->info);
    const uint32_t full_h = png_get_image_height(d->png, d->info);
    if (x < 0 || y < 0 || width <= 0 || height <= 0 || (uint32_t)x + (uint32_t)width > full_w ||
        (uint32_t)y + (uint32_t)height > full_h || stride < (size_t)width) {
        copy_message(d->message, "region lies outside the image");
        return DSP_ERR_ARGS;
    }
    /* Buffers are reached through `d` only, so that fail() frees them after a longjmp. */
    if (setjmp(png_jmpbuf(d->png))) return fail(d);
    png_structp png = d->png;
    png_infop info = d->info;
    const int color_type = png_get_color_type(png, info);
    const int bit_depth = png_get_bit_depth(png, info);
    /* A colour image reduced to its brightest channel here (dsp_set_brightest_channel), else to luma by libpng. */
    const int brightest = d->brightest && (color_type & PNG_COLOR_MASK_COLOR);
    const size_t channels = brightest ? 3 : 1;
    png_set_expand(png);                   /* palette -> RGB, gray < 8 bits -> 8, tRNS -> alpha */
    if (bit_depth == 16) png_set_scale_16(png);
    if ((color_type & PNG_COLOR_MASK_COLOR) && !brightest) png_set_rgb_to_gray_fixed(png, PNG_ERROR_ACTION_NONE, 29900, 58700);
    if ((color_type & PNG_COLOR_MASK_ALPHA) || png_get_valid(png, info, PNG_INFO_tRNS)) {
        png_color_16 white;
        memset(&white, 0, sizeof(white));
        white.red = white.green = white.blue = white.gray = 255;
        png_set_background_fixed(png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, PNG_FP_1);
    }
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_channels(png, info) != channels || png_get_bit_depth(png, info) != 8 || png_get_rowbytes(png, info) != full_w * channels)
        png_error(png, brightest ? "transforms did not yield 8-bit RGB" : "transforms did not yield 8-bit gray");

    const int full_rows = (x == 0 && (uint32_t)width == full_w);
    if (passes > 1) {
        /* Adam7: every pass touches every row, so the whole image is decoded into a temporary. */
        const int whole = full_rows && y == 0 && (uint32_t)height == full_h && !brightest;
        d->row_pointers = (png_bytepp)malloc((size_t)full_h * sizeof(png_bytep));
        if (!whole) d->scratch = (png_bytep)malloc((size_t)full_w * full_h * channels);
        if (!d->row_pointers || (!whole && !d->scratch)) png_error(png, "out of memory for an interlaced image");
        for (uint32_t r = 0; r < full_h; r++)
            d->row_pointers[r] = whole ? dst + (size_t)r * stride : d->scratch + (size_t)r * full_w * channels;
        png_read_image(png, d->row_pointers);
        if (!whole)
            for (int r = 0; r < height; r++) {
                const png_bytep source = d->scratch + ((size_t)(y + r) * full_w + (size_t)x) * channels;
                if (brightest)
                    rgb_to_brightest(source, dst + (size_t)r * stride, width);
                else
                    memcpy(dst + (size_t)r * stride, source, (size_t)width);
            }
        if (rows_done) *rows_done = height;
    } else {
        if (!full_rows || y > 0 || brightest) {
            d->scratch = (png_bytep)malloc((size_t)full_w * channels);
            if (!d->scratch) png_error(png, "out of memory for a row");
        }
        for (int r = 0; r < y; r++) png_read_row(png, d->scratch, NULL);
        for (int r = 0; r < height; r++) {
            uint8_t *target = dst + (size_t)r * stride;
            if (full_rows && !brightest) {
                png_read_row(png, target, NULL);
            } else {
                png_read_row(png, d->scratch, NULL);
                if (brightest)
                    rgb_to_brightest(d->scratch + (size_t)x * 3, target, width);
                else
                    memcpy(target, d->scratch + x, (size_t)width);
            }
            if (rows_done) *rows_done = r + 1;
        }
    }
    release_buffers(d);
    d->state = ST_DONE;
    if ((uint32_t)(y + height) == full_h) {
        /* The image is complete; a damaged or missing trailer is reported as a warning. */
        if (setjmp(png_jmpbuf(png))) {
            on_warning(png, d->eof_seen ? "data ended after the image (no IEND chunk)" : d->message);
            return DSP_OK;
        }
        png_read_end(png, NULL);
    }
    return DSP_OK;
}

const uint8_t *dsp_exif(const dsp_decoder *d, size_t *length) {
    if (length) *length = 0;
    if (!d || d->state == ST_FRESH || d->state == ST_FAILED) return NULL;
#ifdef PNG_eXIf_SUPPORTED
    png_uint_32 n = 0;
    png_bytep exif = NULL;
    if (png_get_eXIf_1(d->png, d->info, &n, &exif) && exif && n > 0) {
        if (length) *length = n;
        return exif;
    }
#endif
    return NULL;
}

const char *dsp_message(const dsp_decoder *d) { return d ? d->message : ""; }
int dsp_warning_count(const dsp_decoder *d) { return d ? d->warnings : 0; }
const char *dsp_first_warning(const dsp_decoder *d) { return d ? d->first_warning : ""; }
const char *dsp_last_warning(const dsp_decoder *d) { return d ? d->last_warning : ""; }
size_t dsp_bytes_consumed(const dsp_decoder *d) { return d ? d->pos : 0; }

/* ---- Encoder ---------------------------------------------------------------------------- */

struct dsp_sink {
    uint8_t *buffer;
    size_t length;
    size_t capacity;
    int failed;
    png_bytepp rows;
    char message[DSP_MSG];
};

static void on_write(png_structp png, png_bytep data, size_t length) {
    struct dsp_sink *s = (struct dsp_sink *)png_get_io_ptr(png);
    if (length > s->capacity - s->length) {
        size_t capacity = s->capacity ? s->capacity : 4096;
        while (length > capacity - s->length) {
            if (capacity > SIZE_MAX / 2) png_error(png, "output too large");
            capacity *= 2;
        }
        uint8_t *grown = (uint8_t *)realloc(s->buffer, capacity);
        if (!grown) png_error(png, "out of memory");
        s->buffer = grown;
        s->capacity = capacity;
    }
    memcpy(s->buffer + s->length, data, length);
    s->length += length;
}

static void on_flush(png_structp png) { (void)png; }

static void on_encode_error(png_structp png, png_const_charp text) {
    struct dsp_sink *s = (struct dsp_sink *)png_get_error_ptr(png);
    if (s) copy_message(s->message, text);
    png_longjmp(png, 1);
}

static void on_encode_warning(png_structp png, png_const_charp text) {
    (void)png; (void)text; /* never print */
}

static void write_message(char *msg, size_t capacity, const char *text) {
    if (!msg || capacity == 0) return;
    size_t n = strlen(text);
    if (n >= capacity) n = capacity - 1;
    memcpy(msg, text, n);
    msg[n] = '\0';
}

int dsp_encode(const uint8_t *rows, size_t stride, uint32_t width, uint32_t height, int color_type,
               int bit_depth, int interlace, const uint8_t *palette, int palette_count,
               const uint8_t *trns, int trns_count, const uint16_t *trns_color, int compression,
               uint8_t **out, size_t *out_length, char *msg, size_t msg_capacity) {
    if (msg && msg_capacity) msg[0] = '\0';
    if (!rows || !out || !out_length || width == 0 || height == 0 || palette_count < 0 || palette_count > 256 ||
        trns_count < 0 || trns_count > 256 || (color_type == PNG_COLOR_TYPE_PALETTE && (!palette || palette_count == 0))) {
        write_message(msg, msg_capacity, "invalid encoder arguments");
        return DSP_ERR_ARGS;
    }
    *out = NULL;
    *out_length = 0;
    struct dsp_sink *s = (struct dsp_sink *)calloc(1, sizeof(struct dsp_sink));
    if (!s) { write_message(msg, msg_capacity, "out of memory"); return DSP_ERR_NOMEM; }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, s, on_encode_error, on_encode_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        if (png) png_destroy_write_struct(&png, NULL);
        free(s);
        write_message(msg, msg_capacity, "out of memory");
        return DSP_ERR_NOMEM;
    }
    if (setjmp(png_jmpbuf(png))) {
        write_message(msg, msg_capacity, s->message);
        png_destroy_write_struct(&png, &info);
        free(s->rows);
        free(s->buffer);
        free(s);
        return DSP_ERR_CORRUPT;
    }
    png_set_write_fn(png, s, on_write, on_flush);
    png_set_compression_level(png, compression < 0 ? 6 : compression > 9 ? 9 : compression);
    png_set_IHDR(png, info, width, height, bit_depth, color_type,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color entries[256];
        for (int i = 0; i < palette_count; i++) {
            entries[i].red = palette[3 * i];
            entries[i].green = palette[3 * i + 1];
            entries[i].blue = palette[3 * i + 2];
        }
        png_set_PLTE(png, info, entries, palette_count);
        if (trns && trns_count > 0) png_set_tRNS(png, info, trns, trns_count, NULL);
    } else if (trns_color) {
        png_color_16 color;
        memset(&color, 0, sizeof(color));
        color.gray = trns_color[0];
        color.red = trns_color[0];
        color.green = trns_color[1];
        color.blue = trns_color[2];
        png_set_tRNS(png, info, NULL, 0, &color);
    }
    s->rows = (png_bytepp)malloc((size_t)height * sizeof(png_bytep));
    if (!s->rows) png_error(png, "out of memory");
    for (uint32_t r = 0; r < height; r++) s->rows[r] = (png_bytep)(uintptr_t)(rows + (size_t)r * stride);
    png_write_info(png, info);
    png_write_image(png, s->rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    *out = s->buffer;
    *out_length = s->length;
    free(s->rows);
    free(s);
    return DSP_OK;
}

void dsp_free(void *buffer) { free(buffer); }
