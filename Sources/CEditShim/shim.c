#include "CEditShim.h"
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

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
static void on_sigint(int sig) { (void)sig; sigint_seen = 1; }

void shim_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read must return EINTR */
    sigaction(SIGINT, &sa, NULL);
}

int shim_take_sigint(void) {
    int seen = sigint_seen;
    sigint_seen = 0;
    return seen;
}

void shim_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs == NULL || strcmp(cs, "UTF-8") != 0) setlocale(LC_CTYPE, "C.UTF-8");
}
