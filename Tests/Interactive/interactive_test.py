#!/usr/bin/env python3
"""Drives ntsh in a real pseudo-terminal (pexpect): Tab completion, history, Ctrl-C, UTF-8, Ctrl-D.

Usage: interactive_test.py PATH/TO/ntsh
Matches command *output* rather than libedit's redrawn echo, which carries escape sequences.
"""
import os
import sys
import tempfile

import pexpect

NTSH = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ".build/debug/ntsh"
PROMPT = "ntsh>"
failures = []


def check(name, condition):
    print(("ok   " if condition else "FAIL ") + name)
    if not condition:
        failures.append(name)


def spawn(state, cwd):
    env = dict(os.environ, XDG_STATE_HOME=state, TERM="xterm", LANG="C.UTF-8", HOME=state)
    child = pexpect.spawn(NTSH, cwd=cwd, env=env, encoding="utf-8", timeout=10, dimensions=(30, 120))
    child.expect_exact(PROMPT)
    return child


def run(child, keys, expect, name):
    child.send(keys)
    try:
        child.expect(expect)
        check(name, True)
    except (pexpect.TIMEOUT, pexpect.EOF):
        check(name + " (saw: %r)" % child.before[-300:], False)


with tempfile.TemporaryDirectory() as state, tempfile.TemporaryDirectory() as work:
    with open(os.path.join(work, "my-long-script-name.txt"), "w") as f:
        f.write("alias fromscript done\n")
    child = spawn(state, work)

    # Tab completes a command word, then a file name (file names are not prefix-matched, so the
    # script only runs when completion filled in its whole name).
    run(child, "ex\t", "\x07", "first Tab on an ambiguous prefix beeps")
    child.send("\x15")  # Ctrl-U clears the line
    run(child, "exe\tmy-lo\t\r", "Ok\\.", "Tab completes command and file name")
    run(child, "alias fromscript\r", "done", "the completed script ran")

    # Tag names and enumerated values complete; a second Tab lists ambiguous candidates.
    run(child, "e\t\t", r"ebpf\s+error\s+exec\s+exit", "second Tab lists candidates")
    child.send("\x15")
    run(child, "exec fil\tmy-long-script-name.txt\r", "Ok\\.", "Tab completes a tag name")

    # History: Up recalls the previous line.
    run(child, "alias h1 first\r", "Ok\\.", "define alias")
    run(child, "alias h1\r", "first", "show alias")
    child.send("\x1b[A\r")
    try:
        child.expect("first")
        check("Up recalls the last line", True)
    except pexpect.TIMEOUT:
        check("Up recalls the last line", False)

    # Ctrl-C cancels the line and the shell carries on.
    child.expect_exact(PROMPT)  # consume the prompt that followed the recalled command
    child.send("alias never typed")
    # A person presses Ctrl-C after seeing the text: sent in the same burst as the typed bytes, the
    # interrupt can be taken before libedit reads them and the fresh prompt then waits for a key.
    child.expect_exact("typed")
    child.sendcontrol("c")
    child.expect_exact(PROMPT)  # a person types again once the fresh prompt shows
    run(child, "alias never\r", "The following alias was not found: never", "Ctrl-C cancelled the line")

    # Context prompts change.
    run(child, "kd\r", "lkd> ", "kd prompt")
    run(child, "..\r", PROMPT, "back to root")

    # UTF-8 input survives the line editor.
    run(child, 'alias é "ü ✓ 日本"\r', "Ok\\.", "UTF-8 alias defined")
    run(child, "alias é\r", "ü ✓ 日本", "UTF-8 round trip")

    # Ctrl-D on an empty line exits with status 0.
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    check("Ctrl-D exits with status 0", child.exitstatus == 0)

    # History persists across runs, and script input never enters it.
    os.system("printf 'alias scriptline x\\n' | XDG_STATE_HOME=%s %s >/dev/null" % (state, NTSH))
    child = spawn(state, work)
    child.send("\x1b[A\r")
    try:
        child.expect("The following alias was not found: é")
        check("history persisted; piped input not recorded", True)
    except pexpect.TIMEOUT:
        check("history persisted; piped input not recorded (saw: %r)" % child.before[-300:], False)
    child.sendline("exit")
    child.expect(pexpect.EOF)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
