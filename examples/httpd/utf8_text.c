#include "utf8_text.h"

#include <stdlib.h>
#include <string.h>

/* Length of the valid sequence at `p` (1-4), or 0 when it is invalid; then *invalid_length is
 * the maximal subpart to replace by one U+FFFD (Unicode 15, section 3.9, U+FFFD substitution of
 * maximal subparts — what CPython does). */
static size_t valid_sequence(const unsigned char *p, size_t available, size_t *invalid_length) {
    unsigned char lead = p[0];
    size_t length;
    unsigned char low = 0x80, high = 0xBF; /* range of the second byte */
    if (lead < 0x80) {
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        *invalid_length = 1;
        return 0;
    }
    size_t i = 1;
    for (; i < length && i < available; ++i) {
        unsigned char lo = i == 1 ? low : 0x80, hi = i == 1 ? high : 0xBF;
        if (p[i] < lo || p[i] > hi) {
            break;
        }
    }
    if (i == length) {
        return length;
    }
    *invalid_length = i;
    return 0;
}

char *utf8_text_repaired(const char *text, size_t length, size_t *out_length) {
    /* U+FFFD takes 3 bytes and replaces at least one. */
    char *out = malloc(3 * length + 1);
    if (out == NULL) {
        return NULL;
    }
    const unsigned char *p = (const unsigned char *)text;
    size_t used = 0;
    size_t i = 0;
    while (i < length) {
        size_t invalid_length = 0;
        size_t valid = valid_sequence(p + i, length - i, &invalid_length);
        if (valid > 0) {
            memcpy(out + used, p + i, valid);
            used += valid;
            i += valid;
        } else {
            memcpy(out + used, "\xEF\xBF\xBD", 3);
            used += 3;
            i += invalid_length;
        }
    }
    out[used] = '\0';
    if (out_length != NULL) {
        *out_length = used;
    }
    return out;
}
