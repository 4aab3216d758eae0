# cil completion for fish, generated from the picocli model by dev.cil.cli.completion.FishCompletion.
# Do not edit: regenerate (see completions/README.md).
# Install: /usr/share/fish/vendor_completions.d/cil.fish or ~/.config/fish/completions/cil.fish

# __cil_children PATH: the subcommands (and aliases) of the command PATH ('' is cil)
function __cil_children
    switch "$argv[1]"
        case ''
            printf '%s\n' prog map link net btf shell
        case 'prog'
            printf '%s\n' show list dump load loadall
        case 'map'
            printf '%s\n' show list dump lookup getnext update delete create pin freeze
        case 'link'
            printf '%s\n' show list pin detach
        case 'net'
            printf '%s\n' show list attach detach
        case 'btf'
            printf '%s\n' show list dump
    end
end

# __cil_canonical PATH NAME: the command a name or alias stands for
function __cil_canonical
    switch "$argv[1]|$argv[2]"
        case 'prog|list'
            echo show
        case 'map|list'
            echo show
        case 'link|list'
            echo show
        case 'net|list'
            echo show
        case 'btf|list'
            echo show
        case '*'
            echo $argv[2]
    end
end

# __cil_state: the command path of the words before the cursor, and 1 when an argument was given
function __cil_state
    set -l words (commandline -opc)
    set -e words[1]
    set -l cmdpath ''
    set -l positional 0
    set -l pending 0
    for w in $words
        if test $pending = 1
            set pending 0
            continue
        end
        switch $w
            case '-o' '--output' '--netns'
                set pending 1
                continue
            case '-?*'
                continue
        end
        if test $positional = 0
            set -l found ''
            for m in (__cil_children "$cmdpath")
                if test "$m" = "$w"
                    set found (__cil_canonical "$cmdpath" $m)
                    break
                end
                if string match -q -- "$w*" $m
                    set -l c (__cil_canonical "$cmdpath" $m)
                    if test -z "$found"
                        set found $c
                    else if test "$found" != "$c"
                        set found -
                    end
                end
            end
            if test -n "$found" -a "$found" != -
                set cmdpath (string trim -- "$cmdpath $found")
                continue
            end
        end
        set positional 1
    end
    echo $cmdpath
    echo $positional
end

# __cil_at PATH: the cursor is where a subcommand of PATH goes
function __cil_at
    set -l s (__cil_state)
    test "$s[1]" = "$argv[1]" -a "$s[2]" = 0
end

# __cil_in PATH [inherit]: the command is PATH (or below it, with inherit)
function __cil_in
    set -l s (__cil_state)
    test "$s[1]" = "$argv[1]"; and return 0
    test (count $argv) -gt 1; and string match -q -- "$argv[1] *" "$s[1]"
end

# __cil_live_args: the cursor is on an argument completed live
function __cil_live_args
    string match -q -- '-*' (commandline -ct); and return 1
    set -l s (__cil_state)
    switch "$s[1]"
        case 'prog show' 'prog dump' 'map show' 'map dump' 'map lookup' 'map getnext' 'map update' 'map delete' 'map create' 'map pin' 'map freeze' 'link show' 'link pin' 'link detach' 'net show' 'net attach' 'net detach' 'btf show'
            test "$s[2]" = 1; or test (count (__cil_children "$s[1]")) = 0
        case '*'
            return 1
    end
end

# __cil_live: ask cil for the candidates of the word at the cursor
function __cil_live
    set -l words (commandline -opc)
    set -e words[1]
    set -l cur (commandline -ct)
    command cil __complete --shell fish -- $words "$cur" 2>/dev/null
end

complete -c cil -e
complete -c cil -f

# subcommands
complete -c cil -n '__cil_at ""' -a 'prog' -d 'Inspect BPF programs (as bpftool prog)'
complete -c cil -n '__cil_at ""' -a 'map' -d 'Inspect and change BPF maps (as bpftool map)'
complete -c cil -n '__cil_at ""' -a 'link' -d 'Inspect BPF links (as bpftool link)'
complete -c cil -n '__cil_at ""' -a 'net' -d 'Show and change networking attachments'
complete -c cil -n '__cil_at ""' -a 'btf' -d 'Inspect BTF type information (as bpftool btf)'
complete -c cil -n '__cil_at ""' -a 'shell' -d 'Run cil commands interactively'
complete -c cil -n '__cil_at "prog"' -a 'show' -d 'Show all loaded programs, or those PROG selects (PROG := id ID | pinned PATH | tag TAG | name NAME)'
complete -c cil -n '__cil_at "prog"' -a 'list' -d 'Show all loaded programs, or those PROG selects (PROG := id ID | pinned PATH | tag TAG | name NAME)'
complete -c cil -n '__cil_at "prog"' -a 'dump' -d 'Dump the translated instructions of PROG (PROG := id ID | pinned PATH | tag TAG | name NAME)'
complete -c cil -n '__cil_at "prog"' -a 'load' -d 'Load a BPF object with cil\'s own loader and pin its first program at PATH'
complete -c cil -n '__cil_at "prog"' -a 'loadall' -d 'Load a BPF object with cil\'s own loader and pin every program under DIR (as DIR/NAME)'
complete -c cil -n '__cil_at "map"' -a 'show' -d 'Show all maps, or those MAP selects (MAP := id ID | pinned PATH | name NAME)'
complete -c cil -n '__cil_at "map"' -a 'list' -d 'Show all maps, or those MAP selects (MAP := id ID | pinned PATH | name NAME)'
complete -c cil -n '__cil_at "map"' -a 'dump' -d 'Dump every entry of MAP (MAP := id ID | pinned PATH | name NAME)'
complete -c cil -n '__cil_at "map"' -a 'lookup' -d 'Look up one key (MAP := id ID | pinned PATH | name NAME; BYTES := 0x01 2 … | hex 01 02 …)'
complete -c cil -n '__cil_at "map"' -a 'getnext' -d 'Print the key after BYTES, or the first key (MAP := id ID | pinned PATH | name NAME)'
complete -c cil -n '__cil_at "map"' -a 'update' -d 'Write one entry (MAP := id ID | pinned PATH | name NAME; VALUE := BYTES | PROG for prog arrays | MAP for maps of maps)'
complete -c cil -n '__cil_at "map"' -a 'delete' -d 'Delete one key (MAP := id ID | pinned PATH | name NAME)'
complete -c cil -n '__cil_at "map"' -a 'create' -d 'Create a map and pin it at FILE'
complete -c cil -n '__cil_at "map"' -a 'pin' -d 'Pin MAP at FILE on a bpf file system (MAP := id ID | pinned PATH | name NAME)'
complete -c cil -n '__cil_at "map"' -a 'freeze' -d 'Freeze MAP'
complete -c cil -n '__cil_at "link"' -a 'show' -d 'Show all links, or the one LINK selects (LINK := id ID | pinned PATH)'
complete -c cil -n '__cil_at "link"' -a 'list' -d 'Show all links, or the one LINK selects (LINK := id ID | pinned PATH)'
complete -c cil -n '__cil_at "link"' -a 'pin' -d 'Pin LINK at FILE on a bpf file system (LINK := id ID | pinned PATH)'
complete -c cil -n '__cil_at "link"' -a 'detach' -d 'Detach the program of LINK (LINK := id ID | pinned PATH)'
complete -c cil -n '__cil_at "net"' -a 'show' -d 'Show XDP, tcx, tc, flow dissector and netfilter attachments (as bpftool 7.3+)'
complete -c cil -n '__cil_at "net"' -a 'list' -d 'Show XDP, tcx, tc, flow dissector and netfilter attachments (as bpftool 7.3+)'
complete -c cil -n '__cil_at "net"' -a 'attach' -d 'Attach PROG to a device'
complete -c cil -n '__cil_at "net"' -a 'detach' -d 'Detach from a device'
complete -c cil -n '__cil_at "btf"' -a 'show' -d 'Show all BTF objects, or the one with id ID'
complete -c cil -n '__cil_at "btf"' -a 'list' -d 'Show all BTF objects, or the one with id ID'
complete -c cil -n '__cil_at "btf"' -a 'dump' -d 'Dump BTF types'

# options
complete -c cil -n '__cil_in ""' -s V -l version -d 'Print version information and exit.'
complete -c cil -s o -l output -x -a 'text json' -d 'Output format: text (default) or json.'
complete -c cil -s j -l json -d 'JSON output on one line (as bpftool -j); same as -o json.'
complete -c cil -s p -l pretty -d 'Indented JSON (implies --json).'
complete -c cil -s f -l bpffs -d 'Show the bpffs paths where objects are pinned (as bpftool -f).'
complete -c cil -l debug -d 'Print stack traces and internal decisions on stderr.'
complete -c cil -l netns -x -a '(__cil_live)' -d 'Run the command inside network namespace NAME (as \'ip netns exec NAME\').'
complete -c cil -s h -l help -d 'Show help for the command and exit.'
complete -c cil -n '__cil_in "btf dump"' -l bpftool-7.1 -d 'C format exactly as Debian 12\'s bpftool 7.1 (no enum size attributes).'

# arguments with live values (ids, names, devices, paths)
complete -c cil -n __cil_live_args -a '(__cil_live)'
