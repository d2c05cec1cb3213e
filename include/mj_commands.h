/*
 * mj_commands.h - the commands: one descriptor each, kept beside its code
 * (one file per command; sync, pull and push share one).
 */
#ifndef MJ_COMMANDS_H
#define MJ_COMMANDS_H

#include "mj_command.h"

extern const struct mj_command mj_cmd_init, mj_cmd_new, mj_cmd_note,
	mj_cmd_log, mj_cmd_check, mj_cmd_hook, mj_cmd_status, mj_cmd_actions,
	mj_cmd_hours, mj_cmd_commit, mj_cmd_summary, mj_cmd_report,
	mj_cmd_close, mj_cmd_rename, mj_cmd_sync, mj_cmd_pull, mj_cmd_push, mj_cmd_help,
	mj_cmd_complete, mj_cmd_extend, mj_cmd_reopen, mj_cmd_edit,
	mj_cmd_agenda, mj_cmd_import, mj_cmd_programme, mj_cmd_remote;

/*
 * Installs the git hook which ("pre-commit", "pre-push") of the journal
 * at root; a hook that is not mjournal's is replaced only with force
 * (kept as HOOK.before-mjournal).  quiet: says nothing when it worked.
 * MJ_EXIT_OK, or after saying why.
 */
int mj_hook_install(const char *root, const char *which, bool force, bool quiet);

#endif
