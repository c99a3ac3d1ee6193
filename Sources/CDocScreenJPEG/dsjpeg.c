/*
 * DocScreen's libjpeg(-turbo) shim: setjmp/longjmp error recovery, warnings collected instead of
 * printed, luma output (grayscale, YCbCr, RGB; CMYK/YCCK converted here) or a colour file's brightest channel, DCT scaling and
 * region decoding (jpeg_crop_scanline / jpeg_skip_scanlines), and an encoder.
 */
#include "dsjpeg.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#define DSJ_MSG 256
#define DSJ_DEFAULT_MAX_SCANS 500
#define DSJ_BATCH 16

enum { ST_FRESH = 0, ST_HEADER = 1, ST_STARTED = 2, ST_DONE = 3, ST_FAILED = 4 };

struct dsj_decoder {
    struct jpeg_decompress_struct cinfo;
    struct jpeg_error_mgr err;
    struct jpeg_progress_mgr progress;
    jmp_buf jump;
    int created;
    int state;
    int error_kind;          /* DSJ_ERR_* chosen by the handler that jumped */
    int eof_seen;            /* libjpeg's memory source ran out of data */
    int warnings;
    int max_scans;
    int cmyk;                /* output is CMYK, converted to luma here */
    int brightest_wanted;    /* dsj_set_brightest_channel: colour files give their brightest channel */
    int brightest;           /* output is RGB, reduced to its brightest channel here */
    int invert;              /* Adobe convention: CMYK stored inverted */
    int col_skip;            /* columns to drop on the left of each cropped row */
    dsj_output out;
    size_t size;
    unsigned char *scratch;  /* DSJ_BATCH rows of the wider decoded row, when needed */
    char message[DSJ_MSG];
    char first_warning[DSJ_MSG];
    char last_warning[DSJ_MSG];
};

static void copy_message(char *dst, const char *src) {
    size_t n = strlen(src);
    if (n >= DSJ_MSG) n = DSJ_MSG - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void on_error_exit(j_common_ptr c) {
    struct dsj_decoder *d = (struct dsj_decoder *)c->client_data;
    char buffer[JMSG_LENGTH_MAX];
    (*c->err->format_message)(c, buffer);
    copy_message(d->message, buffer);
    switch (c->err->msg_code) {
    case JERR_OUT_OF_MEMORY:
    case JERR_NO_BACKING_STORE:
    case JERR_TFILE_CREATE:
        d->error_kind = DSJ_ERR_NOMEM;
        break;
    default:
        d->error_kind = d->eof_seen ? DSJ_ERR_TRUNCATED : DSJ_ERR_CORRUPT;
        break;
    }
    longjmp(d->jump, 1);
}

static void on_output_message(j_common_ptr c) {
    (void)c; /* never print */
}

static void on_emit_message(j_common_ptr c, int level) {
    if (level >= 0) return; /* trace messages: ignored */
    struct dsj_decoder *d = (struct dsj_decoder *)c->client_data;
    char buffer[JMSG_LENGTH_MAX];
    (*c->err->format_message)(c, buffer);
    c->err->num_warnings++;
    d->warnings++;
    if (d->first_warning[0] == '\0') copy_message(d->first_warning, buffer);
    copy_message(d->last_warning, buffer);
    if (c->err->msg_code == JWRN_JPEG_EOF) d->eof_seen = 1;
    /* The entropy data ran into EOI before the image was complete: the rest would be made up. */
    if (c->err->msg_code == JWRN_HIT_MARKER && c->is_decompressor &&
        ((j_decompress_ptr)c)->unread_marker == JPEG_EOI)
        d->eof_seen = 1;
}

static void on_progress(j_common_ptr c) {
    struct dsj_decoder *d = (struct dsj_decoder *)c->client_data;
    if (!c->is_decompressor) return;
    j_decompress_ptr dc = (j_decompress_ptr)c;
    if (dc->input_scan_number > d->max_scans) {
        snprintf(d->message, DSJ_MSG, "more than %d scans in a progressive JPEG", d->max_scans);
        d->error_kind = DSJ_ERR_LIMIT;
        longjmp(d->jump, 1);
    }
}

static int fail(struct dsj_decoder *d) {
    /* After a longjmp the object is only fit to be aborted or destroyed. */
    if (d->created) jpeg_abort_decompress(&d->cinfo);
    d->state = ST_FAILED;
    return d->error_kind ? d->error_kind : DSJ_ERR_CORRUPT;
}

/* jpeg_create_decompress can fail (no memory); its setjmp lives here so the caller's locals stay intact. */
static int create_object(struct dsj_decoder *d) {
    if (setjmp(d->jump)) return 0;
    jpeg_create_decompress(&d->cinfo);
    d->created = 1;
    return 1;
}

dsj_decoder *dsj_create(void) {
    struct dsj_decoder *d = (struct dsj_decoder *)calloc(1, sizeof(struct dsj_decoder));
    if (!d) return NULL;
    d->max_scans = DSJ_DEFAULT_MAX_SCANS;
    d->cinfo.err = jpeg_std_error(&d->err);
    d->err.error_exit = on_error_exit;
    d->err.output_message = on_output_message;
    d->err.emit_message = on_emit_message;
    d->cinfo.client_data = d;
    if (!create_object(d)) {
        free(d);
        return NULL;
    }
    d->progress.progress_monitor = on_progress;
    d->cinfo.progress = &d->progress;
    return d;
}

void dsj_destroy(dsj_decoder *d) {
    if (!d) return;
    if (d->created) jpeg_destroy_decompress(&d->cinfo);
    free(d->scratch);
    free(d);
}

void dsj_set_limits(dsj_decoder *d, int max_scans, long max_memory) {
    if (!d) return;
    d->max_scans = max_scans > 0 ? max_scans : DSJ_DEFAULT_MAX_SCANS;
    if (max_memory > 0) d->cinfo.mem->max_memory_to_use = max_memory;
}

int dsj_read_header(dsj_decoder *d, const uint8_t *data, size_t size, dsj_header *h) {
    if (!d || !data || !h || d->state != ST_FRESH) return DSJ_ERR_ARGS;
    if (size == 0) {
        copy_message(d->message, "empty input");
        d->state = ST_FAILED;
        return DSJ_ERR_TRUNCATED;
    }
    d->size = size;
    if (setjmp(d->jump)) return fail(d);
    jpeg_mem_src(&d->cinfo, data, (unsigned long)size);
    jpeg_save_markers(&d->cinfo, JPEG_APP0 + 1, 0xFFFF);
    (void)jpeg_read_header(&d->cinfo, TRUE);
    memset(h, 0, sizeof(*h));
    h->width = (int)d->cinfo.image_width;
    h->height = (int)d->cinfo.image_height;
    h->components = d->cinfo.num_components;
    switch (d->cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE: h->color_space = DSJ_CS_GRAYSCALE; break;
    case JCS_RGB: h->color_space = DSJ_CS_RGB; break;
    case JCS_YCbCr: h->color_space = DSJ_CS_YCBCR; break;
    case JCS_CMYK: h->color_space = DSJ_CS_CMYK; break;
    case JCS_YCCK: h->color_space = DSJ_CS_YCCK; break;
    default: h->color_space = DSJ_CS_UNKNOWN; break;
    }
    h->progressive = d->cinfo.progressive_mode ? 1 : 0;
    h->saw_adobe = d->cinfo.saw_Adobe_marker ? 1 : 0;
    d->state = ST_HEADER;
    return DSJ_OK;
}

const uint8_t *dsj_exif(const dsj_decoder *d, size_t *length) {
    if (length) *length = 0;
    if (!d || d->state == ST_FRESH) return NULL;
    for (jpeg_saved_marker_ptr m = d->cinfo.marker_list; m; m = m->next) {
        if (m->marker == JPEG_APP0 + 1 && m->data_length >= 6 && memcmp(m->data, "Exif\0\0", 6) == 0) {
            if (length) *length = m->data_length;
            return m->data;
        }
    }
    return NULL;
}

static int clamp_range(int *start, int *count, int full) {
    if (*count <= 0) { *start = 0; *count = full; return 1; }
    if (*start < 0) { *count += *start; *start = 0; }
    if (*start >= full) return 0;
    if (*count > full - *start) *count = full - *start;
    return *count > 0;
}

int dsj_start(dsj_decoder *d, int denom, int x, int y, int width, int height, dsj_output *out) {
    if (!d || !out || d->state != ST_HEADER) return DSJ_ERR_ARGS;
    if (denom != 1 && denom != 2 && denom != 4 && denom != 8) {
        copy_message(d->message, "scale denominator must be 1, 2, 4 or 8");
        return DSJ_ERR_ARGS;
    }
    if (setjmp(d->jump)) return fail(d);
    j_decompress_ptr c = &d->cinfo;
    d->brightest = 0;
    c->scale_num = 1;
    c->scale_denom = (unsigned int)denom;
    if (c->jpeg_color_space == JCS_CMYK || c->jpeg_color_space == JCS_YCCK) {
        c->out_color_space = JCS_CMYK;
        d->cmyk = 1;
        d->invert = c->saw_Adobe_marker ? 1 : 0;
    } else if (d->brightest_wanted && (c->jpeg_color_space == JCS_YCbCr || c->jpeg_color_space == JCS_RGB)) {
        c->out_color_space = JCS_RGB;
        d->cmyk = 0;
        d->brightest = 1;
    } else {
        c->out_color_space = JCS_GRAYSCALE;
        d->cmyk = 0;
    }
    jpeg_calc_output_dimensions(c);
    dsj_output o;
    o.full_width = (int)c->output_width;
    o.full_height = (int)c->output_height;
    o.x = x; o.y = y; o.width = width; o.height = height;
    if (!clamp_range(&o.x, &o.width, o.full_width) || !clamp_range(&o.y, &o.height, o.full_height)) {
        copy_message(d->message, "region lies outside the image");
        return DSJ_ERR_ARGS;
    }
    jpeg_start_decompress(c);
    d->state = ST_STARTED;
    d->col_skip = 0;
    if (o.x != 0 || o.width != o.full_width) {
        JDIMENSION xoffset = (JDIMENSION)o.x, cwidth = (JDIMENSION)o.width;
        jpeg_crop_scanline(c, &xoffset, &cwidth);
        d->col_skip = o.x - (int)xoffset;
    }
    if (o.y > 0) {
        JDIMENSION skipped = jpeg_skip_scanlines(c, (JDIMENSION)o.y);
        if ((int)skipped != o.y || d->eof_seen) {
            copy_message(d->message, d->eof_seen ? "data ended before the region" : "could not skip to the region");
            jpeg_abort_decompress(c);
            d->state = ST_FAILED;
            return d->eof_seen ? DSJ_ERR_TRUNCATED : DSJ_ERR_CORRUPT;
        }
    }
    int direct = !d->cmyk && !d->brightest && d->col_skip == 0 && (int)c->output_width == o.width;
    if (!direct) {
        size_t row = (size_t)c->output_width * (size_t)c->output_components;
        free(d->scratch);
        d->scratch = (unsigned char *)malloc(row * DSJ_BATCH);
        if (!d->scratch) {
            copy_message(d->message, "out of memory for a row buffer");
            jpeg_abort_decompress(c);
            d->state = ST_FAILED;
            return DSJ_ERR_NOMEM;
        }
    }
    d->out = o;
    *out = o;
    return DSJ_OK;
}

/* Luma from one CMYK row (BT.601 weights as libjpeg's own RGB->gray). */
static void cmyk_to_luma(const unsigned char *src, unsigned char *dst, int width, int invert) {
    for (int i = 0; i < width; i++) {
        uint32_t c = src[4 * i], m = src[4 * i + 1], yy = src[4 * i + 2], k = src[4 * i + 3];
        if (!invert) { c = 255 - c; m = 255 - m; yy = 255 - yy; k = 255 - k; }
        uint64_t t = (uint64_t)(19595u * c + 38470u * m + 7471u * yy) * k;
        dst[i] = (unsigned char)((t + (255u << 15)) / (255u << 16));
    }
}

/* The brightest of each RGB pixel's channels: black print stays dark, coloured print (a stamp, a drawn mark) pales. */
static void rgb_to_brightest(const unsigned char *src, unsigned char *dst, int width) {
    for (int i = 0; i < width; i++) {
        unsigned char r = src[3 * i], g = src[3 * i + 1], b = src[3 * i + 2];
        unsigned char m = r > g ? r : g;
        dst[i] = m > b ? m : b;
    }
}

void dsj_set_brightest_channel(dsj_decoder *d, int on) {
    if (d) d->brightest_wanted = on ? 1 : 0;
}

int dsj_read(dsj_decoder *d, uint8_t *dst, size_t stride, int *rows_done) {
    if (rows_done) *rows_done = 0;
    if (!d || !dst || d->state != ST_STARTED || stride < (size_t)d->out.width) return DSJ_ERR_ARGS;
    if (setjmp(d->jump)) return fail(d);
    j_decompress_ptr c = &d->cinfo;
    const int total = d->out.height;
    const int width = d->out.width;
    const size_t wide = (size_t)c->output_width * (size_t)c->output_components;
    const int direct = d->scratch == NULL;
    JSAMPROW rows[DSJ_BATCH];
    int done = 0;
    while (done < total) {
        int want = total - done;
        if (want > DSJ_BATCH) want = DSJ_BATCH;
        for (int i = 0; i < want; i++)
            rows[i] = direct ? (JSAMPROW)(dst + (size_t)(done + i) * stride) : (JSAMPROW)(d->scratch + (size_t)i * wide);
        int got = (int)jpeg_read_scanlines(c, rows, (JDIMENSION)want);
        if (!direct) {
            for (int i = 0; i < got; i++) {
                uint8_t *target = dst + (size_t)(done + i) * stride;
                if (d->cmyk)
                    cmyk_to_luma(rows[i] + 4 * d->col_skip, target, width, d->invert);
                else if (d->brightest)
                    rgb_to_brightest(rows[i] + 3 * d->col_skip, target, width);
                else
                    memcpy(target, rows[i] + d->col_skip, (size_t)width);
            }
        }
        if (got <= 0) break;
        if (d->eof_seen) break; /* rows past this point would be made up by libjpeg */
        done += got;
        if (rows_done) *rows_done = done;
    }
    if (d->eof_seen || done < total) {
        copy_message(d->message, d->eof_seen ? "premature end of JPEG data" : "decoder stopped early");
        jpeg_abort_decompress(c);
        d->state = ST_FAILED;
        return DSJ_ERR_TRUNCATED;
    }
    if (d->out.y + d->out.height == d->out.full_height && d->col_skip == 0 && (int)c->output_width == d->out.full_width) {
        (void)jpeg_finish_decompress(c);
        if (d->eof_seen) {
            copy_message(d->message, "premature end of JPEG data");
            d->state = ST_FAILED;
            return DSJ_ERR_TRUNCATED;
        }
    } else {
        jpeg_abort_decompress(c);
    }
    d->state = ST_DONE;
    return DSJ_OK;
}

const char *dsj_message(const dsj_decoder *d) { return d ? d->message : ""; }
int dsj_warning_count(const dsj_decoder *d) { return d ? d->warnings : 0; }
const char *dsj_first_warning(const dsj_decoder *d) { return d ? d->first_warning : ""; }
const char *dsj_last_warning(const dsj_decoder *d) { return d ? d->last_warning : ""; }

size_t dsj_bytes_consumed(const dsj_decoder *d) {
    if (!d || !d->created || !d->cinfo.src || d->state == ST_FRESH) return 0;
    size_t left = d->cinfo.src->bytes_in_buffer;
    return left <= d->size ? d->size - left : d->size;
}

/* ---- Encoder ---------------------------------------------------------------------------- */

struct dsj_encoder {
    struct jpeg_compress_struct cinfo;
    struct jpeg_error_mgr err;
    jmp_buf jump;
    unsigned char *buffer;
    unsigned long length;
    unsigned char *scratch;
    char message[DSJ_MSG];
};

static void on_encode_error(j_common_ptr c) {
    struct dsj_encoder *e = (struct dsj_encoder *)c->client_data;
    char buffer[JMSG_LENGTH_MAX];
    (*c->err->format_message)(c, buffer);
    copy_message(e->message, buffer);
    longjmp(e->jump, 1);
}

static void on_encode_emit(j_common_ptr c, int level) {
    (void)c; (void)level; /* the encoder's warnings are not interesting; never print */
}

static void write_message(char *msg, size_t capacity, const char *text) {
    if (!msg || capacity == 0) return;
    size_t n = strlen(text);
    if (n >= capacity) n = capacity - 1;
    memcpy(msg, text, n);
    msg[n] = '\0';
}

int dsj_encode(const uint8_t *pixels, size_t stride, int width, int height, int components,
               int quality, int progressive, int ycck, const uint8_t *exif, size_t exif_length,
               uint8_t **out, size_t *out_length, char *msg, size_t msg_capacity) {
    if (msg && msg_capacity) msg[0] = '\0';
    if (!pixels || !out || !out_length || width <= 0 || height <= 0 || width > JPEG_MAX_DIMENSION ||
        height > JPEG_MAX_DIMENSION || (components != 1 && components != 3 && components != 4) ||
        stride < (size_t)width * (size_t)components || exif_length > 65533) {
        write_message(msg, msg_capacity, "invalid encoder arguments");
        return DSJ_ERR_ARGS;
    }
    *out = NULL;
    *out_length = 0;
    struct dsj_encoder *e = (struct dsj_encoder *)calloc(1, sizeof(struct dsj_encoder));
    if (!e) { write_message(msg, msg_capacity, "out of memory"); return DSJ_ERR_NOMEM; }
    e->cinfo.err = jpeg_std_error(&e->err);
    e->err.error_exit = on_encode_error;
    e->err.output_message = on_output_message;
    e->err.emit_message = on_encode_emit;
    e->cinfo.client_data = e;
    if (setjmp(e->jump)) {
        write_message(msg, msg_capacity, e->message);
        jpeg_destroy_compress(&e->cinfo);
        free(e->buffer);
        free(e->scratch);
        free(e);
        return DSJ_ERR_CORRUPT;
    }
    jpeg_create_compress(&e->cinfo);
    jpeg_mem_dest(&e->cinfo, &e->buffer, &e->length);
    e->cinfo.image_width = (JDIMENSION)width;
    e->cinfo.image_height = (JDIMENSION)height;
    e->cinfo.input_components = components;
    e->cinfo.in_color_space = components == 1 ? JCS_GRAYSCALE : components == 3 ? JCS_RGB : JCS_CMYK;
    jpeg_set_defaults(&e->cinfo);
    if (components == 4 && ycck) jpeg_set_colorspace(&e->cinfo, JCS_YCCK);
    jpeg_set_quality(&e->cinfo, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    if (progressive) jpeg_simple_progression(&e->cinfo);
    if (exif && exif_length) e->cinfo.write_JFIF_header = FALSE;
    if (components == 4) {
        e->scratch = (unsigned char *)malloc((size_t)width * 4);
        if (!e->scratch) ERREXIT1(&e->cinfo, JERR_OUT_OF_MEMORY, 0);
    }
    jpeg_start_compress(&e->cinfo, TRUE);
    if (exif && exif_length) jpeg_write_marker(&e->cinfo, JPEG_APP0 + 1, exif, (unsigned int)exif_length);
    while (e->cinfo.next_scanline < e->cinfo.image_height) {
        const uint8_t *src = pixels + (size_t)e->cinfo.next_scanline * stride;
        JSAMPROW row;
        if (components == 4) {
            /* Adobe convention, as Photoshop writes it: CMYK stored inverted (0 = full ink). */
            for (size_t i = 0; i < (size_t)width * 4; i++) e->scratch[i] = (unsigned char)(255 - src[i]);
            row = e->scratch;
        } else {
            row = (JSAMPROW)(uintptr_t)src;
        }
        (void)jpeg_write_scanlines(&e->cinfo, &row, 1);
    }
    jpeg_finish_compress(&e->cinfo);
    *out = e->buffer;
    *out_length = (size_t)e->length;
    e->buffer = NULL;
    jpeg_destroy_compress(&e->cinfo);
    free(e->scratch);
    free(e);
    return DSJ_OK;
}

void dsj_free(void *buffer) { free(buffer); }

/* ---- Reference decode for benchmarks --------------------------------------------------- */

struct dsj_bare {
    struct jpeg_decompress_struct cinfo;
    struct jpeg_error_mgr err;
    jmp_buf jump;
};

static void on_bare_error(j_common_ptr c) {
    struct dsj_bare *b = (struct dsj_bare *)c->client_data;
    longjmp(b->jump, 1);
}

/* Decodes with a plain loop once the source is set; `file` is closed by the caller. */
static int bare_decode(const uint8_t *data, size_t size, FILE *file, uint64_t *checksum) {
    struct dsj_bare *b = (struct dsj_bare *)calloc(1, sizeof(struct dsj_bare));
    if (!b) return DSJ_ERR_NOMEM;
    b->cinfo.err = jpeg_std_error(&b->err);
    b->err.error_exit = on_bare_error;
    b->err.output_message = on_output_message;
    b->cinfo.client_data = b;
    if (setjmp(b->jump)) {
        jpeg_destroy_decompress(&b->cinfo);
        free(b);
        return DSJ_ERR_CORRUPT;
    }
    jpeg_create_decompress(&b->cinfo);
    if (file)
        jpeg_stdio_src(&b->cinfo, file);
    else
        jpeg_mem_src(&b->cinfo, data, (unsigned long)size);
    (void)jpeg_read_header(&b->cinfo, TRUE);
    b->cinfo.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&b->cinfo);
    JSAMPARRAY row = (*b->cinfo.mem->alloc_sarray)((j_common_ptr)&b->cinfo, JPOOL_IMAGE,
                                                   b->cinfo.output_width * (JDIMENSION)b->cinfo.output_components, 1);
    uint64_t sum = 0;
    while (b->cinfo.output_scanline < b->cinfo.output_height) {
        (void)jpeg_read_scanlines(&b->cinfo, row, 1);
        sum += row[0][0];
    }
    (void)jpeg_finish_decompress(&b->cinfo);
    jpeg_destroy_decompress(&b->cinfo);
    free(b);
    if (checksum) *checksum = sum;
    return DSJ_OK;
}

int dsj_bare_decode_gray(const uint8_t *data, size_t size, uint64_t *checksum) {
    if (!data || size == 0) return DSJ_ERR_ARGS;
    return bare_decode(data, size, NULL, checksum);
}

int dsj_bare_decode_gray_file(const char *path, uint64_t *checksum) {
    FILE *file = path ? fopen(path, "rb") : NULL;
    if (!file) return DSJ_ERR_ARGS;
    int code = bare_decode(NULL, 0, file, checksum);
    fclose(file);
    return code;
}
