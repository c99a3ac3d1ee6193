#ifndef DOCSCREEN_DSTESSERACT_H
#define DOCSCREEN_DSTESSERACT_H

/*
 * DocScreen's shim over the Tesseract C API (tesseract/capi.h). It never prints and never exits:
 * Tesseract's messages go to its `debug_file`, set to /dev/null before anything else, and every call
 * returns a DST_* code. An engine is used by one thread at a time; separate engines are independent.
 */

#ifdef __cplusplus
extern "C" {
#endif

enum {
    DST_OK = 0,
    DST_ERR_INIT = 1,    /* the language data could not be loaded (path or languages wrong) */
    DST_ERR_ARGS = 2,    /* an impossible argument (size, stride, null pointer) */
    DST_ERR_RECOGNIZE = 3, /* Tesseract's recognition failed */
    DST_ERR_NOMEM = 4
};

/* Page segmentation modes used here (Tesseract's PSM values). */
enum {
    DST_PSM_SINGLE_BLOCK = 6,
    DST_PSM_SINGLE_LINE = 7,
    DST_PSM_SINGLE_WORD = 8,
    DST_PSM_RAW_LINE = 13
};

/* One recognised symbol (character) with its word and text line, both counted from 0. */
typedef struct {
    int x0, y0, x1, y1;   /* box in the given image's pixels, x1/y1 exclusive */
    float confidence;     /* Tesseract's symbol confidence, 0-100 */
    float word_confidence;/* the confidence of the word holding it, 0-100 */
    int word;             /* word index over the whole result */
    int line;             /* text line index over the whole result */
    char utf8[16];        /* the symbol, NUL-terminated UTF-8 (may be cut at 15 bytes) */
} dst_symbol;

typedef struct dst_engine dst_engine;

/* Creates an engine with the LSTM recogniser for `languages` (e.g. "eng+vie") from `datapath`
 * (the tessdata folder). Returns NULL on failure with *status set. Costs the loading of the models. */
dst_engine *dst_create(const char *datapath, const char *languages, int *status);

/* Frees the engine. NULL is allowed. */
void dst_destroy(dst_engine *engine);

/* Restricts recognition to the characters of `whitelist` (NULL or "" lifts the restriction). */
int dst_set_whitelist(dst_engine *engine, const char *whitelist);

/* Recognises an 8-bit grey image (`stride` bytes per row) in page segmentation mode `psm` at `ppi`
 * pixels per inch. Writes at most `capacity` symbols to `symbols` and their number to *count; the
 * mean text confidence (0-100) to *mean_confidence. */
int dst_recognize(dst_engine *engine, const unsigned char *pixels, int width, int height, int stride, int ppi,
                  int psm, dst_symbol *symbols, int capacity, int *count, int *mean_confidence);

#ifdef __cplusplus
}
#endif

#endif
