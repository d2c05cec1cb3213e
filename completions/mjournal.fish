# fish completion for mjournal.  Every word comes from mjournal itself
# (mjournal __complete, worked out from its table of commands).

function __mjournal_complete
    set -l cur (commandline -ct)
    set -q cur[1]; or set cur ''
    set -l tokens (commandline -opc) $cur
    set -l out (mjournal __complete -- $tokens[2..-1] 2>/dev/null)
    switch "$out[1]"
        case :file
            __fish_complete_path $cur
        case :dir
            __fish_complete_directories $cur
        case :words
            printf '%s\n' $out[2..-1]
    end
end

complete -c mjournal -f -a '(__mjournal_complete)'
