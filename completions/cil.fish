# cil completion for fish, generated from the picocli model by dev.cil.cli.completion.FishCompletion.
# Do not edit: regenerate (see completions/README.md).
# Install: /usr/share/fish/vendor_completions.d/cil.fish or ~/.config/fish/completions/cil.fish

# __cil_children PATH: the subcommands (and aliases) of the command PATH ('' is cil)
function __cil_children
    switch "$argv[1]"
        case ''
            printf '%s\n' prog map link net btf daemon status endpoint ip identity bpf whoami observe monitor shell
        case 'prog'
            printf '%s\n' show list dump load loadall
        case 'map'
            printf '%s\n' show list dump lookup getnext update delete create pin freeze get
        case 'link'
            printf '%s\n' show list pin detach
        case 'net'
            printf '%s\n' show list attach detach
        case 'btf'
            printf '%s\n' show list dump
        case 'daemon'
            printf '%s\n' start run stop clean
        case 'endpoint'
            printf '%s\n' list ls get create delete rm exec
        case 'ip'
            printf '%s\n' list ls
        case 'identity'
            printf '%s\n' list ls get
        case 'bpf'
            printf '%s\n' endpoint ipcache ct metrics
        case 'bpf endpoint'
            printf '%s\n' list ls
        case 'bpf ipcache'
            printf '%s\n' list ls
        case 'bpf ct'
            printf '%s\n' list ls
        case 'bpf metrics'
            printf '%s\n' list ls
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
        case 'endpoint|ls'
            echo list
        case 'endpoint|rm'
            echo delete
        case 'ip|ls'
            echo list
        case 'identity|ls'
            echo list
        case 'bpf endpoint|ls'
            echo list
        case 'bpf ipcache|ls'
            echo list
        case 'bpf ct|ls'
            echo list
        case 'bpf metrics|ls'
            echo list
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
            case '-o' '--output' '--netns' '-N' '--node' '--pod-cidr' '-n' '--namespace' '-l' '--labels' '--hostname' '--port' '--last' '--first' '--since' '--until' '--pod' '--from-pod' '--to-pod' '--from-namespace' '--to-namespace' '--ip' '--from-ip' '--to-ip' '--snat-ip' '--ip-version' '--identity' '--from-identity' '--to-identity' '--label' '--from-label' '--to-label' '--service' '--from-service' '--to-service' '--fqdn' '--from-fqdn' '--to-fqdn' '--protocol' '--from-port' '--to-port' '--tcp-flags' '--verdict' '--drop-reason-desc' '-t' '--type' '--traffic-direction' '--node-name' '--node-label' '--uuid' '--time-format' '--color' '--input-file' '--pinned' '--from' '--to' '--related-to' '--count'
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
        case 'prog show' 'prog dump' 'map show' 'map dump' 'map lookup' 'map getnext' 'map update' 'map delete' 'map create' 'map pin' 'map freeze' 'link show' 'link pin' 'link detach' 'net show' 'net attach' 'net detach' 'btf show' 'bpf ct list'
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
complete -c cil -n '__cil_at ""' -a 'daemon' -d 'Start, stop and remove a node\'s loader daemon (its pods, maps and programs)'
complete -c cil -n '__cil_at ""' -a 'status' -d 'Show the node\'s daemon status, as cilium-dbg status (from the daemon\'s API)'
complete -c cil -n '__cil_at ""' -a 'endpoint' -d 'Create, list, inspect, delete and enter the node\'s endpoints (pods)'
complete -c cil -n '__cil_at ""' -a 'ip' -d 'The IP cache as the node\'s daemon knows it (addresses and prefixes to identities)'
complete -c cil -n '__cil_at ""' -a 'identity' -d 'Security identities'
complete -c cil -n '__cil_at ""' -a 'bpf' -d 'Read the node\'s datapath maps straight from bpffs (no daemon needed; root or CAP_BPF)'
complete -c cil -n '__cil_at ""' -a 'whoami' -d 'Serve HTTP like traefik/whoami'
complete -c cil -n '__cil_at ""' -a 'observe' -d 'Observe flows of this node\'s datapath (as hubble observe)'
complete -c cil -n '__cil_at ""' -a 'monitor' -d 'Print the datapath\'s raw events as they happen (as cilium-dbg monitor)'
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
complete -c cil -n '__cil_at "map"' -a 'get' -d 'Show the node daemon\'s cache of a map it owns (cilium_lxc, cilium_ipcache)'
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
complete -c cil -n '__cil_at "daemon"' -a 'start' -d 'Start the node\'s daemon in the background (own session; output in /run/cil/NODE/daemon.log) and wait until its API answers'
complete -c cil -n '__cil_at "daemon"' -a 'run' -d 'Run the node\'s daemon in the foreground, logging to stderr, until SIGTERM or Ctrl-C (the datapath stays pinned and keeps forwarding after it exits)'
complete -c cil -n '__cil_at "daemon"' -a 'stop' -d 'Stop the node\'s daemon (SIGTERM, then SIGKILL after 10 s)'
complete -c cil -n '__cil_at "daemon"' -a 'clean' -d 'Remove everything of a node'
complete -c cil -n '__cil_at "endpoint"' -a 'list' -d 'List the node\'s endpoints (pods, the health endpoint, the host endpoint), as cilium-dbg endpoint list'
complete -c cil -n '__cil_at "endpoint"' -a 'ls' -d 'List the node\'s endpoints (pods, the health endpoint, the host endpoint), as cilium-dbg endpoint list'
complete -c cil -n '__cil_at "endpoint"' -a 'get' -d 'Show one endpoint as the daemon models it (JSON, as cilium-dbg endpoint get)'
complete -c cil -n '__cil_at "endpoint"' -a 'create' -d 'Create a pod on the node'
complete -c cil -n '__cil_at "endpoint"' -a 'delete' -d 'Delete a pod'
complete -c cil -n '__cil_at "endpoint"' -a 'rm' -d 'Delete a pod'
complete -c cil -n '__cil_at "endpoint"' -a 'exec' -d 'Run a command inside a pod\'s network namespace (as kubectl exec); exits with the command\'s status'
complete -c cil -n '__cil_at "ip"' -a 'list' -d 'List the IP cache'
complete -c cil -n '__cil_at "ip"' -a 'ls' -d 'List the IP cache'
complete -c cil -n '__cil_at "identity"' -a 'list' -d 'List security identities'
complete -c cil -n '__cil_at "identity"' -a 'ls' -d 'List security identities'
complete -c cil -n '__cil_at "identity"' -a 'get' -d 'Show one security identity and its labels, as cilium-dbg identity get'
complete -c cil -n '__cil_at "bpf"' -a 'endpoint' -d 'Local endpoints (cilium_lxc)'
complete -c cil -n '__cil_at "bpf"' -a 'ipcache' -d 'Prefixes and their identities (cilium_ipcache)'
complete -c cil -n '__cil_at "bpf"' -a 'ct' -d 'Connection tracking (cilium_ct4_global)'
complete -c cil -n '__cil_at "bpf"' -a 'metrics' -d 'Packet and byte counters by reason and direction (cilium_metrics)'
complete -c cil -n '__cil_at "bpf endpoint"' -a 'list' -d 'List local endpoints from the pinned cilium_lxc map (kernel order), as cilium-dbg bpf endpoint list; host addresses show as (localhost)'
complete -c cil -n '__cil_at "bpf endpoint"' -a 'ls' -d 'List local endpoints from the pinned cilium_lxc map (kernel order), as cilium-dbg bpf endpoint list; host addresses show as (localhost)'
complete -c cil -n '__cil_at "bpf ipcache"' -a 'list' -d 'List the pinned cilium_ipcache LPM trie (prefix → identity, tunnel endpoint, flags), as cilium-dbg bpf ipcache list'
complete -c cil -n '__cil_at "bpf ipcache"' -a 'ls' -d 'List the pinned cilium_ipcache LPM trie (prefix → identity, tunnel endpoint, flags), as cilium-dbg bpf ipcache list'
complete -c cil -n '__cil_at "bpf ct"' -a 'list' -d 'List connection tracking entries of the pinned cilium_ct4_global map, as cilium-dbg bpf ct list global'
complete -c cil -n '__cil_at "bpf ct"' -a 'ls' -d 'List connection tracking entries of the pinned cilium_ct4_global map, as cilium-dbg bpf ct list global'
complete -c cil -n '__cil_at "bpf metrics"' -a 'list' -d 'List the datapath\'s counters (cilium_metrics summed over CPUs) by reason, direction, source line and file, as cilium-dbg bpf metrics list'
complete -c cil -n '__cil_at "bpf metrics"' -a 'ls' -d 'List the datapath\'s counters (cilium_metrics summed over CPUs) by reason, direction, source line and file, as cilium-dbg bpf metrics list'

# options
complete -c cil -n '__cil_in ""' -s V -l version -d 'Print version information and exit.'
complete -c cil -s o -l output -x -a 'text json' -d 'Output format: text (default) or json.'
complete -c cil -s j -l json -d 'JSON output on one line (as bpftool -j); same as -o json.'
complete -c cil -s p -l pretty -d 'Indented JSON (implies --json).'
complete -c cil -s f -l bpffs -d 'Show the bpffs paths where objects are pinned (as bpftool -f).'
complete -c cil -l debug -d 'Print stack traces and internal decisions on stderr.'
complete -c cil -l netns -x -a '(__cil_live)' -d 'Run the command inside network namespace NAME (as \'ip netns exec NAME\').'
complete -c cil -s N -l node -x -d 'The node whose daemon agent commands talk to (default: $CIL_NODE, else k8s-s).'
complete -c cil -s h -l help -d 'Show help for the command and exit.'
complete -c cil -n '__cil_in "btf dump"' -l bpftool-7.1 -d 'C format exactly as Debian 12\'s bpftool 7.1 (no enum size attributes).'
complete -c cil -n '__cil_in "daemon start"' -l pod-cidr -x -d 'Pod CIDR of a new node (default 10.200.0.0/24); an existing node keeps its own.'
complete -c cil -n '__cil_in "daemon run"' -l pod-cidr -x -d 'Pod CIDR of a new node (default 10.200.0.0/24); an existing node keeps its own.'
complete -c cil -n '__cil_in "status"' -l all-addresses -d 'Show the allocated addresses and their owners.'
complete -c cil -n '__cil_in "status"' -l all-controllers -d 'Show every controller, not only failing ones.'
complete -c cil -n '__cil_in "status"' -l brief -d 'One line: OK, or the component that is not.'
complete -c cil -n '__cil_in "status"' -l verbose -d 'Everything: all addresses, all controllers, BPF maps, clock source.'
complete -c cil -n '__cil_in "endpoint list"' -l no-headers -d 'Leave out the two header lines.'
complete -c cil -n '__cil_in "endpoint get"' -s n -l namespace -x -d 'The pod\'s namespace (default: default).'
complete -c cil -n '__cil_in "endpoint create"' -s l -l labels -x -d 'The pod\'s labels, comma-separated (repeatable).'
complete -c cil -n '__cil_in "endpoint create"' -s n -l namespace -x -d 'The pod\'s namespace (default: default).'
complete -c cil -n '__cil_in "endpoint delete"' -s n -l namespace -x -d 'The pod\'s namespace (default: default).'
complete -c cil -n '__cil_in "endpoint exec"' -s n -l namespace -x -d 'The pod\'s namespace (default: default).'
complete -c cil -n '__cil_in "endpoint exec"' -s t -l tty -d 'Connect the command to this terminal (stdin, stdout, stderr), for interactive programs.'
complete -c cil -n '__cil_in "ip list"' -s n -l numeric -d 'Print identity numbers instead of their labels.'
complete -c cil -n '__cil_in "ip list"' -s v -l verbose -d 'Add the HOST and ENCRYPT_KEY columns.'
complete -c cil -n '__cil_in "whoami"' -l hostname -x -d 'The Hostname line (default: $HOSTNAME, else the machine\'s).'
complete -c cil -n '__cil_in "whoami"' -l port -x -d 'TCP port (default: 80).'
complete -c cil -n '__cil_in "observe"' -l last -x -d 'Get the last N flows stored (default 20 without --since, --until, --first, --follow or --all).'
complete -c cil -n '__cil_in "observe"' -l first -x -d 'Get the first N flows stored.'
complete -c cil -n '__cil_in "observe"' -l all -d 'Get all flows stored (use with filters).'
complete -c cil -n '__cil_in "observe"' -s f -l follow -d 'Follow flows output (after --last N, if given).'
complete -c cil -n '__cil_in "observe"' -l since -x -d 'Flows since TIME: a duration before now (3s, 4m, 1h43m) or a time (2024-10-21, 2024-10-21T11:12:10Z, RFC1123Z …).'
complete -c cil -n '__cil_in "observe"' -l until -x -d 'Flows until TIME (same formats as --since; ignored with --follow).'
complete -c cil -n '__cil_in "observe"' -l not -d 'Negate the next filter flag: --not --from-ip 2.2.2.2.'
complete -c cil -n '__cil_in "observe"' -l pod -x -d 'Flows from or to pods whose name starts with POD; [NS/]POD, namespace default when none is given.'
complete -c cil -n '__cil_in "observe"' -l from-pod -x -d 'Flows from the pod ([NS/]POD).'
complete -c cil -n '__cil_in "observe"' -l to-pod -x -d 'Flows to the pod ([NS/]POD).'
complete -c cil -n '__cil_in "observe"' -s n -l namespace -x -d 'Flows from or to the Kubernetes namespace.'
complete -c cil -n '__cil_in "observe"' -l from-namespace -x -d 'Flows from the namespace.'
complete -c cil -n '__cil_in "observe"' -l to-namespace -x -d 'Flows to the namespace.'
complete -c cil -n '__cil_in "observe"' -s A -l all-namespaces -d 'Flows in any namespace.'
complete -c cil -n '__cil_in "observe"' -l from-all-namespaces -d 'Flows from any namespace.'
complete -c cil -n '__cil_in "observe"' -l to-all-namespaces -d 'Flows to any namespace.'
complete -c cil -n '__cil_in "observe"' -l ip -x -d 'Flows from or to the address (exact, or a CIDR such as 10.0.0.0/24).'
complete -c cil -n '__cil_in "observe"' -l from-ip -x -d 'Flows from the address.'
complete -c cil -n '__cil_in "observe"' -l to-ip -x -d 'Flows to the address.'
complete -c cil -n '__cil_in "observe"' -l snat-ip -x -d 'Flows SNATed to the address.'
complete -c cil -n '__cil_in "observe"' -s 4 -l ipv4 -d 'IPv4 flows only.'
complete -c cil -n '__cil_in "observe"' -s 6 -l ipv6 -d 'IPv6 flows only.'
complete -c cil -n '__cil_in "observe"' -l ip-version -x -d 'IP version: v4, v6 or none (flows without IP, such as ARP).'
complete -c cil -n '__cil_in "observe"' -l identity -x -d 'Flows from or to the security identity (a number, or host, world, health, …).'
complete -c cil -n '__cil_in "observe"' -l from-identity -x -d 'Flows from the identity.'
complete -c cil -n '__cil_in "observe"' -l to-identity -x -d 'Flows to the identity.'
complete -c cil -n '__cil_in "observe"' -s l -l label -x -d 'Flows from or to endpoints with these labels (k=v, k, !k, k in (a,b), k8s:app=web, reserved:world).'
complete -c cil -n '__cil_in "observe"' -l from-label -x -d 'Flows from endpoints with these labels.'
complete -c cil -n '__cil_in "observe"' -l to-label -x -d 'Flows to endpoints with these labels.'
complete -c cil -n '__cil_in "observe"' -l service -x -d 'Flows from or to the service ([NS/]SVC).'
complete -c cil -n '__cil_in "observe"' -l from-service -x -d 'Flows from the service.'
complete -c cil -n '__cil_in "observe"' -l to-service -x -d 'Flows to the service.'
complete -c cil -n '__cil_in "observe"' -l fqdn -x -d 'Flows from or to the DNS name (* matches any part: *.cilium.io).'
complete -c cil -n '__cil_in "observe"' -l from-fqdn -x -d 'Flows from the DNS name.'
complete -c cil -n '__cil_in "observe"' -l to-fqdn -x -d 'Flows to the DNS name.'
complete -c cil -n '__cil_in "observe"' -l protocol -x -d 'L4/L7 protocol: tcp, udp, icmp, icmpv4, icmpv6, sctp, vrrp, igmp, dns, http, kafka.'
complete -c cil -n '__cil_in "observe"' -l port -x -d 'Flows with this source or destination port.'
complete -c cil -n '__cil_in "observe"' -l from-port -x -d 'Flows with this source port.'
complete -c cil -n '__cil_in "observe"' -l to-port -x -d 'Flows with this destination port.'
complete -c cil -n '__cil_in "observe"' -l tcp-flags -x -d 'TCP flows with all these flags (syn, ack, fin, rst, psh, urg, ece, cwr, ns; comma-separated).'
complete -c cil -n '__cil_in "observe"' -l verdict -x -d 'FORWARDED, DROPPED, AUDIT, REDIRECTED, ERROR, TRACED or TRANSLATED.'
complete -c cil -n '__cil_in "observe"' -l drop-reason-desc -x -d 'Drops with this reason (POLICY_DENIED, STALE_OR_UNROUTABLE_IP, …).'
complete -c cil -n '__cil_in "observe"' -s t -l type -x -d 'Event type TYPE[:SUBTYPE]: trace, drop, capture, l7, policy-verdict, trace-sock; trace subtypes: from-endpoint, from-host, from-network, from-overlay, from-proxy, from-stack, from-crypto, to-endpoint, to-host, to-network, to-overlay, to-proxy, to-stack, to-crypto.'
complete -c cil -n '__cil_in "observe"' -l traffic-direction -x -d 'ingress or egress.'
complete -c cil -n '__cil_in "observe"' -l node-name -x -d 'Flows seen on matching nodes (k8s*, cluster/node).'
complete -c cil -n '__cil_in "observe"' -l node-label -x -d 'Flows seen on nodes with these labels.'
complete -c cil -n '__cil_in "observe"' -l uuid -x -d 'The flow with this id.'
complete -c cil -n '__cil_in "observe"' -s o -l output -x -d 'compact (default), dict, json (= jsonpb: one GetFlowsResponse per line) or table.'
complete -c cil -n '__cil_in "observe"' -l print-node-name -d 'Print the node name.'
complete -c cil -n '__cil_in "observe"' -l time-format -x -d 'StampMilli (default), YearMonthDay, YearMonthDayHour, YearMonthDayHourMinute, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z.'
complete -c cil -n '__cil_in "observe"' -l numeric -d 'Addresses instead of pod and service names.'
complete -c cil -n '__cil_in "observe"' -l color -x -d 'auto (a terminal and no NO_COLOR), always or never; compact and dict only.'
complete -c cil -n '__cil_in "observe"' -l input-file -x -a '(__cil_live)' -d 'Replay flows from FILE (NDJSON: cil\'s or hubble\'s -o json); \'-\' reads stdin. No daemon needed.'
complete -c cil -n '__cil_in "monitor"' -l pinned -x -a '(__cil_live)' -d 'Read this pinned ring buffer map directly (not through the daemon).'
complete -c cil -n '__cil_in "monitor"' -s v -l verbose -d 'Print each event\'s details and decoded headers.'
complete -c cil -n '__cil_in "monitor"' -s o -l output -x -d 'text (default) or json: one object per event.'
complete -c cil -n '__cil_in "monitor"' -s t -l type -x -d 'Only events of this type: drop, debug, capture, trace (repeatable).'
complete -c cil -n '__cil_in "monitor"' -l from -x -d 'Only events from this endpoint id (repeatable).'
complete -c cil -n '__cil_in "monitor"' -l to -x -d 'Only events to this endpoint id (repeatable).'
complete -c cil -n '__cil_in "monitor"' -l related-to -x -d 'Only events from or to this endpoint id (repeatable).'
complete -c cil -n '__cil_in "monitor"' -s n -l numeric -d 'Identities as numbers (not world, host, …).'
complete -c cil -n '__cil_in "monitor"' -l count -x -d 'Stop after N printed events.'

# arguments with live values (ids, names, devices, paths)
complete -c cil -n __cil_live_args -a '(__cil_live)'
