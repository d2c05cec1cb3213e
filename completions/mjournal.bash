# bash completion for mjournal: commands, relationship slugs and options.

# The journal root above the current folder (or -C DIR), or nothing.
_mjournal_root() {
	local dir=${1:-$PWD}
	while [ -n "$dir" ]; do
		[ -f "$dir/mjournal.ini" ] && { printf '%s\n' "$dir"; return; }
		[ "$dir" = / ] && return
		dir=$(dirname "$dir")
	done
}

# The relationships of the journal: folders holding an agreement.ini.
_mjournal_slugs() {
	local root=$1 d
	[ -n "$root" ] || return
	for d in "$root"/*/agreement.ini; do
		[ -f "$d" ] && basename "$(dirname "$d")"
	done
}

_mjournal() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands="init new note log check status actions hours commit close summary report sync pull push hook"
	local i cmd="" chdir=""

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-C) chdir=${COMP_WORDS[i+1]}; ((i++)) ;;
		-*) ;;
		*) [ -z "$cmd" ] && cmd=${COMP_WORDS[i]} ;;
		esac
	done
	if [ "$prev" = -C ] || [ "$prev" = -o ] || [ "$prev" = --output ]; then
		COMPREPLY=($(compgen -d -- "$cur"))
		return
	fi
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "$commands -C --version --help" -- "$cur"))
		return
	fi
	case $prev in
	--stage) COMPREPLY=($(compgen -W "preparing negotiating enabling closing follow-up" -- "$cur")); return ;;
	--type) COMPREPLY=($(compgen -W "one-to-one group peer reverse" -- "$cur")); return ;;
	--format)
		case $cmd in
		summary) COMPREPLY=($(compgen -W "md html man latex xml" -- "$cur")) ;;
		hours) COMPREPLY=($(compgen -W "text csv md json" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
		esac
		return ;;
	esac
	local options slugs=""
	case $cmd in
	init) options="--name --owner" ;;
	new) options="--mentor --mentee --type --started --ends --cadence" ;;
	note) options="--date --stage --title --no-edit"; slugs=1 ;;
	log) slugs=1 ;;
	check) options="--strict --staged --format"; slugs=1 ;;
	status) options="--all --format"; slugs=1 ;;
	actions) options="--open --overdue --owner --format" ;;
	hours) options="--since --until --format" ;;
	commit) options="-m --message --no-verify" ;;
	close) options="--date --early --reason"; slugs=1 ;;
	summary) options="--format --output --include-private"; slugs=1 ;;
	report) options="--output" ;;
	sync|pull|push) COMPREPLY=($(compgen -W "$(git remote 2>/dev/null)" -- "$cur")); return ;;
	hook) options="install --force" ;;
	esac
	if [[ $cur == -* ]] || [ -z "$slugs" ]; then
		COMPREPLY=($(compgen -W "$options -C --help" -- "$cur"))
	else
		local root
		root=$(_mjournal_root "${chdir:-$PWD}")
		COMPREPLY=($(compgen -W "$(_mjournal_slugs "$root")" -- "$cur"))
	fi
}
complete -F _mjournal mjournal
