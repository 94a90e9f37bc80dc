#define _GNU_SOURCE
#include "CEditShim.h"
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

int shim_el_set_prompt(EditLine *el, char *(*fn)(EditLine *)) { return el_set(el, EL_PROMPT, fn); }
int shim_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int shim_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
int shim_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
int shim_el_addfn(EditLine *el, const char *name, const char *help, unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
int shim_el_bind(EditLine *el, const char *key, const char *fn) { return el_set(el, EL_BIND, key, fn, NULL); }
int shim_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
void *shim_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

History *shim_history_init(void) { return history_init(); }
int shim_hist_setsize(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
int shim_hist_setunique(History *h, int unique) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, unique); }
int shim_hist_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
int shim_hist_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
int shim_hist_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }

static volatile sig_atomic_t sigint_seen = 0;
/* Self-pipe: the handler writes a byte so a reader blocked in poll() wakes even when the signal
 * arrived while libedit was busy between two reads (no race between checking a flag and reading). */
static int sigint_pipe[2] = {-1, -1};

static void on_sigint(int sig) {
    (void)sig;
    sigint_seen = 1;
    if (sigint_pipe[1] >= 0) {
        char c = 0;
        ssize_t ignored = write(sigint_pipe[1], &c, 1);
        (void)ignored;
    }
}

/* libedit's character reader, replaced so Ctrl-C always ends el_gets: waits on the terminal and
 * the signal pipe together, and decodes UTF-8 to a wide character as libedit expects. */
static int shim_getc(EditLine *el, wchar_t *wc) {
    (void)el;
    static mbstate_t state;
    for (;;) {
        struct pollfd fds[2] = {{0, POLLIN, 0}, {sigint_pipe[0], POLLIN, 0}};
        int ready = poll(fds, sigint_pipe[0] >= 0 ? 2 : 1, -1);
        if (ready < 0) {
            if (errno == EINTR && !sigint_seen) continue;
            errno = EINTR;
            return -1;
        }
        if (sigint_pipe[0] >= 0 && (fds[1].revents & POLLIN)) {
            errno = EINTR;
            return -1;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char c;
            ssize_t n = read(0, &c, 1);
            if (n == 0) return 0;
            if (n < 0) {
                if (errno == EINTR) continue;
                return -1;
            }
            size_t k = mbrtowc(wc, &c, 1, &state);
            if (k == (size_t)-2) continue;     /* more bytes of this character to come */
            if (k == (size_t)-1) {             /* invalid byte: dropped, as libedit does */
                memset(&state, 0, sizeof state);
                continue;
            }
            if (k == 0) *wc = 0;
            return 1;
        }
    }
}

int shim_el_set_getc(EditLine *el) { return el_set(el, EL_GETCFN, shim_getc); }

void shim_install_sigint(void) {
    if (sigint_pipe[0] < 0 && pipe2(sigint_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        sigint_pipe[0] = sigint_pipe[1] = -1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read must return EINTR */
    sigaction(SIGINT, &sa, NULL);
}

int shim_take_sigint(void) {
    if (sigint_pipe[0] >= 0) {
        char buf[64];
        while (read(sigint_pipe[0], buf, sizeof buf) > 0) {}
    }
    int seen = sigint_seen;
    sigint_seen = 0;
    return seen;
}

void shim_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL || strcmp(cs, "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
}
