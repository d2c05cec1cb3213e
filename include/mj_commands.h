/*
 * mj_commands.h - one function per command, one file per command.
 */
#ifndef MJ_COMMANDS_H
#define MJ_COMMANDS_H

int cmd_init(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_note(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_hook(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_actions(int argc, char **argv);
int cmd_hours(int argc, char **argv);
int cmd_commit(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_close(int argc, char **argv);
int cmd_sync(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_push(int argc, char **argv);

#endif
