# bash completion for mjournal.  Every word comes from mjournal itself
# (mjournal __complete, worked out from its table of commands), so options,
# values and relationships never drift from the program.

_mjournal() {
	local cur words cword kind line
	local -a out
	if declare -F _get_comp_words_by_ref >/dev/null; then
		# keep --date=D and 1:1 whole
		_get_comp_words_by_ref -n =: cur words cword
	else
		cur=${COMP_WORDS[COMP_CWORD]} words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
	fi
	mapfile -t out < <(mjournal __complete -- "${words[@]:1:cword}" 2>/dev/null)
	kind=${out[0]}
	COMPREPLY=()
	case $kind in
	:file|:dir)
		compopt -o filenames 2>/dev/null
		if [ "$kind" = :dir ]; then
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi ;;
	:words)
		for line in "${out[@]:1}"; do
			COMPREPLY+=("$(printf '%q' "$line")")
		done
		if declare -F __ltrim_colon_completions >/dev/null; then
			__ltrim_colon_completions "$cur"
		fi ;;
	esac
}
complete -F _mjournal mjournal
