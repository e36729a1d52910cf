#include "comma_list.h"

#include <string.h>

static bool is_space(char c) {
    return c != '\0' && strchr(" \t\n\r\v\f", c) != NULL;
}

bool comma_list_next(const char **cursor, const char **item, size_t *length) {
    const char *start = *cursor;
    if (start == NULL || *start == '\0') {
        return false;
    }
    size_t size = strcspn(start, ",");
    *cursor = start[size] == ',' ? start + size + 1 : start + size;
    while (size > 0 && is_space(*start)) {
        ++start;
        --size;
    }
    while (size > 0 && is_space(start[size - 1])) {
        --size;
    }
    *item = start;
    *length = size;
    return true;
}
