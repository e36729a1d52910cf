#define _DEFAULT_SOURCE /* getrandom */

#include "mail_outbox.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* Room for the directory, a timestamp, a kind and the random part. */
#define MAIL_PATH_SIZE 4096

/* `size` bytes of hex from the kernel's generator; "0..." if it fails (names stay distinct by
 * the O_EXCL retry below). */
static void random_hex(char *out, size_t bytes) {
    unsigned char random[16];
    if (bytes > sizeof random || getrandom(random, bytes, 0) != (ssize_t)bytes) {
        memset(random, 0, sizeof random);
    }
    for (size_t i = 0; i < bytes; ++i) {
        snprintf(out + 2 * i, 3, "%02x", random[i]);
    }
}

/* The message's member `key` if it is a string made only of file-name-safe characters
 * (letters, digits, '-', '.', '_'; the colons of a timestamp are dropped), else `fallback`. */
static void safe_member(char *out, size_t size, const json_t *message, const char *key,
                        const char *fallback) {
    const char *text = json_string_value(json_object_get(message, key));
    size_t used = 0;
    for (const char *c = text != NULL ? text : ""; *c != '\0' && used + 1 < size; ++c) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            *c == '-' || *c == '.' || *c == '_') {
            out[used++] = *c;
        }
    }
    out[used] = '\0';
    if (used == 0) {
        snprintf(out, size, "%s", fallback);
    }
}

static int write_all(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        text += written;
        length -= (size_t)written;
    }
    return 0;
}

static int write_message_file(const char *directory, const char *message_json) {
    json_t *message = json_loads(message_json, 0, NULL);
    char stamp[64];
    char kind[32];
    safe_member(stamp, sizeof stamp, message, "created_at", "mail");
    safe_member(kind, sizeof kind, message, "kind", "message");
    json_decref(message);

    char random[33];
    random_hex(random, 16);
    char temporary[MAIL_PATH_SIZE];
    char final_path[MAIL_PATH_SIZE];
    int length = snprintf(temporary, sizeof temporary, "%s/.incoming-%s.tmp", directory, random);
    int final_length =
        snprintf(final_path, sizeof final_path, "%s/%s-%s-%s.json", directory, stamp, kind, random);
    if (length < 0 || (size_t)length >= sizeof temporary || final_length < 0 ||
        (size_t)final_length >= sizeof final_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return -1;
    }
    if (write_all(fd, message_json, strlen(message_json)) != 0 || fsync(fd) != 0) {
        int saved = errno;
        close(fd);
        unlink(temporary);
        errno = saved;
        return -1;
    }
    if (close(fd) != 0 || rename(temporary, final_path) != 0) {
        int saved = errno;
        unlink(temporary);
        errno = saved;
        return -1;
    }
    return 0;
}

void mail_outbox_deliver(void *directory, const char *message_json) {
    if (directory == NULL) {
        fprintf(stderr, "mail: %s\n", message_json);
        return;
    }
    if (write_message_file((const char *)directory, message_json) != 0) {
        fprintf(stderr, "mail: cannot write to %s (%s): %s\n", (const char *)directory,
                strerror(errno), message_json);
    }
}
