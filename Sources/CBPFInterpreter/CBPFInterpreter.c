/* The shim is header-only (include/CBPFInterpreter.h is compiled into the BPF module, where the
 * instruction bodies live); this file only gives the target a source. */
int cbpf_interpreter_shim_is_header_only(void) { return 1; }
