/* Non-variadic wrappers around libedit's el_set/el_get/history, which Swift cannot call,
 * plus the SIGINT flag the line editor polls. */
#ifndef CEDITSHIM_H
#define CEDITSHIM_H
#include <histedit.h>

int shim_el_set_prompt(EditLine *el, char *(*fn)(EditLine *));
int shim_el_set_editor(EditLine *el, const char *mode);
int shim_el_set_signal(EditLine *el, int on);
int shim_el_set_hist(EditLine *el, History *h);
int shim_el_addfn(EditLine *el, const char *name, const char *help, unsigned char (*fn)(EditLine *, int));
int shim_el_bind(EditLine *el, const char *key, const char *fn);
int shim_el_set_clientdata(EditLine *el, void *data);
void *shim_el_get_clientdata(EditLine *el);

History *shim_history_init(void);
int shim_hist_setsize(History *h, int size);
int shim_hist_setunique(History *h, int unique);
int shim_hist_enter(History *h, const char *line);
int shim_hist_save(History *h, const char *path);
int shim_hist_load(History *h, const char *path);

/* Installs a character reader that returns -1 (EINTR) as soon as SIGINT arrives, so Ctrl-C ends
 * el_gets even when it arrives while libedit is between two reads. */
int shim_el_set_getc(EditLine *el);

/* SIGINT handling: sigaction without SA_RESTART so a blocked read returns; the handler only sets a flag. */
void shim_install_sigint(void);
/* Returns 1 and clears the flag when SIGINT arrived since the last call. */
int shim_take_sigint(void);
/* Switches LC_ALL to the environment's locale and falls back to C.UTF-8 when that is not UTF-8
 * (libedit drops non-ASCII input otherwise). */
void shim_setup_locale(void);
#endif
