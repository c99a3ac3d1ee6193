#define _GNU_SOURCE
/*
 * DocScreen's Tesseract shim: one TessBaseAPI per engine, silenced (debug_file = /dev/null) before the
 * models load, LSTM only, results flattened to symbols with their word and line.
 */
#include "dstesseract.h"

#include <stdlib.h>
#include <string.h>

#include <tesseract/capi.h>

#include <dlfcn.h>

/* Tesseract's OpenMP runtime (libgomp, loaded with libtesseract when it was built with OpenMP). The LSTM
 * asks for 4 threads per layer; on a busy machine their hand-offs cost four times the work itself
 * (measured: 95 ms against 22 ms per line). With no active nesting level allowed, every parallel region
 * runs on the calling thread. Looked up at run time: a Tesseract without OpenMP has nothing to limit. */
static void single_thread(void) {
    void (*set_levels)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
    if (set_levels) set_levels(0);
}

struct dst_engine {
    TessBaseAPI *api;
};

dst_engine *dst_create(const char *datapath, const char *languages, int *status) {
    if (status) *status = DST_OK;
    if (!datapath || !languages) {
        if (status) *status = DST_ERR_ARGS;
        return NULL;
    }
    dst_engine *e = (dst_engine *)calloc(1, sizeof(dst_engine));
    if (!e) {
        if (status) *status = DST_ERR_NOMEM;
        return NULL;
    }
    single_thread();
    e->api = TessBaseAPICreate();
    if (!e->api) {
        free(e);
        if (status) *status = DST_ERR_NOMEM;
        return NULL;
    }
    /* Silence first: Init reports missing files through tprintf, which writes to debug_file. */
    TessBaseAPISetVariable(e->api, "debug_file", "/dev/null");
    /* No second pass on an inverted copy of each line: printed data pages are dark on light. */
    char *names[] = {"debug_file", "load_system_dawg", "load_freq_dawg", "tessedit_do_invert"};
    char *values[] = {"/dev/null", "0", "0", "0"};
    int rc = TessBaseAPIInit4(e->api, datapath, languages, OEM_LSTM_ONLY, NULL, 0, names, values, 4, 0);
    if (rc != 0) {
        TessBaseAPIDelete(e->api);
        free(e);
        if (status) *status = DST_ERR_INIT;
        return NULL;
    }
    TessBaseAPISetVariable(e->api, "debug_file", "/dev/null");
    return e;
}

void dst_destroy(dst_engine *engine) {
    if (!engine) return;
    if (engine->api) {
        TessBaseAPIEnd(engine->api);
        TessBaseAPIDelete(engine->api);
    }
    free(engine);
}

int dst_set_whitelist(dst_engine *engine, const char *whitelist) {
    if (!engine || !engine->api) return DST_ERR_ARGS;
    TessBaseAPISetVariable(engine->api, "tessedit_char_whitelist", whitelist ? whitelist : "");
    return DST_OK;
}

int dst_recognize(dst_engine *engine, const unsigned char *pixels, int width, int height, int stride, int ppi,
                  int psm, dst_symbol *symbols, int capacity, int *count, int *mean_confidence) {
    if (count) *count = 0;
    if (mean_confidence) *mean_confidence = 0;
    if (!engine || !engine->api || !pixels || width < 1 || height < 1 || stride < width || capacity < 0 ||
        (capacity > 0 && !symbols) || width > 32767 || height > 32767)
        return DST_ERR_ARGS;
    TessBaseAPI *api = engine->api;
    single_thread();
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    TessBaseAPISetImage(api, pixels, width, height, 1, stride);
    TessBaseAPISetSourceResolution(api, ppi > 0 ? ppi : 300);
    if (TessBaseAPIRecognize(api, NULL) != 0) {
        TessBaseAPIClear(api);
        return DST_ERR_RECOGNIZE;
    }
    if (mean_confidence) *mean_confidence = TessBaseAPIMeanTextConf(api);
    int n = 0, word = -1, line = -1;
    float word_confidence = 0;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (it) {
        TessPageIterator *page = TessResultIteratorGetPageIterator(it);
        do {
            if (TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE)) line++;
            if (TessPageIteratorIsAtBeginningOf(page, RIL_WORD)) {
                word++;
                word_confidence = TessResultIteratorConfidence(it, RIL_WORD);
            }
            if (n >= capacity) break;
            char *text = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
            if (!text) continue;
            dst_symbol *s = &symbols[n];
            memset(s, 0, sizeof(*s));
            size_t len = strlen(text);
            if (len > sizeof(s->utf8) - 1) len = sizeof(s->utf8) - 1;
            memcpy(s->utf8, text, len);
            TessDeleteText(text);
            int l, t, r, b;
            if (TessPageIteratorBoundingBox(page, RIL_SYMBOL, &l, &t, &r, &b)) {
                s->x0 = l; s->y0 = t; s->x1 = r; s->y1 = b;
            }
            s->confidence = TessResultIteratorConfidence(it, RIL_SYMBOL);
            s->word_confidence = word_confidence;
            s->word = word < 0 ? 0 : word;
            s->line = line < 0 ? 0 : line;
            n++;
        } while (TessResultIteratorNext(it, RIL_SYMBOL));
        TessResultIteratorDelete(it);
    }
    TessBaseAPIClear(api);
    if (count) *count = n;
    return DST_OK;
}
