# cil completion for bash (and zsh through bashcompinit), generated from the picocli model by
# dev.cil.cli.completion.BashCompletion. Do not edit: regenerate (see completions/README.md).
# Install: /usr/share/bash-completion/completions/cil, or source it from ~/.bashrc.
#
# The first part is picocli 4.7.7's AutoComplete script (subcommands, options,
# fixed option values); the last part, "live values", asks `cil __complete` for ids, names,
# devices and namespaces where the command's grammar wants them.

if [ -n "$BASH_VERSION" ]; then
  # Enable programmable completion facilities when using bash (see [3])
  shopt -s progcomp
elif [ -n "$ZSH_VERSION" ]; then
  # Make alias a distinct command for completion purposes when using zsh (see [4])
  setopt COMPLETE_ALIASES
  alias compopt=complete

  # Enable bash completion in zsh (see [7])
  # Only initialize completions module once to avoid unregistering existing completions.
  if ! type compdef > /dev/null; then
    autoload -U +X compinit && compinit
  fi
  autoload -U +X bashcompinit && bashcompinit
fi

# CompWordsContainsArray takes an array and then checks
# if all elements of this array are in the global COMP_WORDS array.
#
# Returns zero (no error) if all elements of the array are in the COMP_WORDS array,
# otherwise returns 1 (error).
function CompWordsContainsArray() {
  declare -a localArray
  localArray=("$@")
  local findme
  for findme in "${localArray[@]}"; do
    if ElementNotInCompWords "$findme"; then return 1; fi
  done
  return 0
}
function ElementNotInCompWords() {
  local findme="$1"
  local element
  for element in "${COMP_WORDS[@]}"; do
    if [[ "$findme" = "$element" ]]; then return 1; fi
  done
  return 0
}

# The `currentPositionalIndex` function calculates the index of the current positional parameter.
#
# currentPositionalIndex takes three parameters:
# the command name,
# a space-separated string with the names of options that take a parameter, and
# a space-separated string with the names of boolean options (that don't take any params).
# When done, this function echos the current positional index to std_out.
#
# Example usage:
# local currIndex=$(currentPositionalIndex "mysubcommand" "$ARG_OPTS" "$FLAG_OPTS")
function currentPositionalIndex() {
  local commandName="$1"
  local optionsWithArgs="$2"
  local booleanOptions="$3"
  local previousWord
  local result=0

  for i in $(seq $((COMP_CWORD - 1)) -1 0); do
    previousWord=${COMP_WORDS[i]}
    if [ "${previousWord}" = "$commandName" ]; then
      break
    fi
    if [[ "${optionsWithArgs}" =~ ${previousWord} ]]; then
      ((result-=2)) # Arg option and its value not counted as positional param
    elif [[ "${booleanOptions}" =~ ${previousWord} ]]; then
      ((result-=1)) # Flag option itself not counted as positional param
    fi
    ((result++))
  done
  echo "$result"
}

# compReplyArray generates a list of completion suggestions based on an array, ensuring all values are properly escaped.
#
# compReplyArray takes a single parameter: the array of options to be displayed
#
# The output is echoed to std_out, one option per line.
#
# Example usage:
# local options=("foo", "bar", "baz")
# local IFS=$'\n'
# COMPREPLY=($(compReplyArray "${options[@]}"))
function compReplyArray() {
  declare -a options
  options=("$@")
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local i
  local quoted
  local optionList=()

  for (( i=0; i<${#options[@]}; i++ )); do
    # Double escape, since we want escaped values, but compgen -W expands the argument
    printf -v quoted %q "${options[i]}"
    quoted=\'${quoted//\'/\'\\\'\'}\'

    optionList[i]=$quoted
  done

  # We also have to add another round of escaping to $curr_word.
  curr_word=${curr_word//\\/\\\\}
  curr_word=${curr_word//\'/\\\'}

  # Actually generate completions.
  local IFS=$'\n'
  echo -e "$(compgen -W "${optionList[*]}" -- "$curr_word")"
}

# Bash completion entry point function.
# _complete_cil finds which commands and subcommands have been specified
# on the command line and delegates to the appropriate function
# to generate possible options and subcommands for the last specified subcommand.
function _complete_cil() {
  # Edge case: if command line has no space after subcommand, then don't assume this subcommand is selected (remkop/picocli#1468).
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} prog" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} link" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} net" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} btf" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} daemon" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} status" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} ip" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} identity" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} whoami" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} observe" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} monitor" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} shell" ];    then _picocli_cil; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} prog show" ];    then _picocli_cil_prog; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} prog list" ];    then _picocli_cil_prog; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} prog dump" ];    then _picocli_cil_prog; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} prog load" ];    then _picocli_cil_prog; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} prog loadall" ];    then _picocli_cil_prog; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map show" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map list" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map dump" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map lookup" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map getnext" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map update" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map delete" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map create" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map pin" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map freeze" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} map get" ];    then _picocli_cil_map; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} link show" ];    then _picocli_cil_link; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} link list" ];    then _picocli_cil_link; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} link pin" ];    then _picocli_cil_link; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} link detach" ];    then _picocli_cil_link; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} net show" ];    then _picocli_cil_net; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} net list" ];    then _picocli_cil_net; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} net attach" ];    then _picocli_cil_net; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} net detach" ];    then _picocli_cil_net; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} btf show" ];    then _picocli_cil_btf; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} btf list" ];    then _picocli_cil_btf; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} btf dump" ];    then _picocli_cil_btf; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} daemon start" ];    then _picocli_cil_daemon; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} daemon run" ];    then _picocli_cil_daemon; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} daemon stop" ];    then _picocli_cil_daemon; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} daemon clean" ];    then _picocli_cil_daemon; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint list" ];    then _picocli_cil_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint ls" ];    then _picocli_cil_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint get" ];    then _picocli_cil_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint create" ];    then _picocli_cil_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint delete" ];    then _picocli_cil_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint rm" ];    then _picocli_cil_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} endpoint exec" ];    then _picocli_cil_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} ip list" ];    then _picocli_cil_ip; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} ip ls" ];    then _picocli_cil_ip; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} identity list" ];    then _picocli_cil_identity; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} identity ls" ];    then _picocli_cil_identity; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} identity get" ];    then _picocli_cil_identity; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf endpoint" ];    then _picocli_cil_bpf; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf ipcache" ];    then _picocli_cil_bpf; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf ct" ];    then _picocli_cil_bpf; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf metrics" ];    then _picocli_cil_bpf; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf endpoint list" ];    then _picocli_cil_bpf_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf endpoint ls" ];    then _picocli_cil_bpf_endpoint; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf ipcache list" ];    then _picocli_cil_bpf_ipcache; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf ipcache ls" ];    then _picocli_cil_bpf_ipcache; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf ct list" ];    then _picocli_cil_bpf_ct; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf ct ls" ];    then _picocli_cil_bpf_ct; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf metrics list" ];    then _picocli_cil_bpf_metrics; return $?; fi
  if [ "${COMP_LINE}" = "${COMP_WORDS[0]} bpf metrics ls" ];    then _picocli_cil_bpf_metrics; return $?; fi

  # Find the longest sequence of subcommands and call the bash function for that subcommand.
  local cmds0=(prog)
  local cmds1=(map)
  local cmds2=(link)
  local cmds3=(net)
  local cmds4=(btf)
  local cmds5=(daemon)
  local cmds6=(status)
  local cmds7=(endpoint)
  local cmds8=(ip)
  local cmds9=(identity)
  local cmds10=(bpf)
  local cmds11=(whoami)
  local cmds12=(observe)
  local cmds13=(monitor)
  local cmds14=(shell)
  local cmds15=(prog show)
  local cmds16=(prog list)
  local cmds17=(prog dump)
  local cmds18=(prog load)
  local cmds19=(prog loadall)
  local cmds20=(map show)
  local cmds21=(map list)
  local cmds22=(map dump)
  local cmds23=(map lookup)
  local cmds24=(map getnext)
  local cmds25=(map update)
  local cmds26=(map delete)
  local cmds27=(map create)
  local cmds28=(map pin)
  local cmds29=(map freeze)
  local cmds30=(map get)
  local cmds31=(link show)
  local cmds32=(link list)
  local cmds33=(link pin)
  local cmds34=(link detach)
  local cmds35=(net show)
  local cmds36=(net list)
  local cmds37=(net attach)
  local cmds38=(net detach)
  local cmds39=(btf show)
  local cmds40=(btf list)
  local cmds41=(btf dump)
  local cmds42=(daemon start)
  local cmds43=(daemon run)
  local cmds44=(daemon stop)
  local cmds45=(daemon clean)
  local cmds46=(endpoint list)
  local cmds47=(endpoint ls)
  local cmds48=(endpoint get)
  local cmds49=(endpoint create)
  local cmds50=(endpoint delete)
  local cmds51=(endpoint rm)
  local cmds52=(endpoint exec)
  local cmds53=(ip list)
  local cmds54=(ip ls)
  local cmds55=(identity list)
  local cmds56=(identity ls)
  local cmds57=(identity get)
  local cmds58=(bpf endpoint)
  local cmds59=(bpf ipcache)
  local cmds60=(bpf ct)
  local cmds61=(bpf metrics)
  local cmds62=(bpf endpoint list)
  local cmds63=(bpf endpoint ls)
  local cmds64=(bpf ipcache list)
  local cmds65=(bpf ipcache ls)
  local cmds66=(bpf ct list)
  local cmds67=(bpf ct ls)
  local cmds68=(bpf metrics list)
  local cmds69=(bpf metrics ls)

  if CompWordsContainsArray "${cmds69[@]}"; then _picocli_cil_bpf_metrics_ls; return $?; fi
  if CompWordsContainsArray "${cmds68[@]}"; then _picocli_cil_bpf_metrics_list; return $?; fi
  if CompWordsContainsArray "${cmds67[@]}"; then _picocli_cil_bpf_ct_ls; return $?; fi
  if CompWordsContainsArray "${cmds66[@]}"; then _picocli_cil_bpf_ct_list; return $?; fi
  if CompWordsContainsArray "${cmds65[@]}"; then _picocli_cil_bpf_ipcache_ls; return $?; fi
  if CompWordsContainsArray "${cmds64[@]}"; then _picocli_cil_bpf_ipcache_list; return $?; fi
  if CompWordsContainsArray "${cmds63[@]}"; then _picocli_cil_bpf_endpoint_ls; return $?; fi
  if CompWordsContainsArray "${cmds62[@]}"; then _picocli_cil_bpf_endpoint_list; return $?; fi
  if CompWordsContainsArray "${cmds61[@]}"; then _picocli_cil_bpf_metrics; return $?; fi
  if CompWordsContainsArray "${cmds60[@]}"; then _picocli_cil_bpf_ct; return $?; fi
  if CompWordsContainsArray "${cmds59[@]}"; then _picocli_cil_bpf_ipcache; return $?; fi
  if CompWordsContainsArray "${cmds58[@]}"; then _picocli_cil_bpf_endpoint; return $?; fi
  if CompWordsContainsArray "${cmds57[@]}"; then _picocli_cil_identity_get; return $?; fi
  if CompWordsContainsArray "${cmds56[@]}"; then _picocli_cil_identity_ls; return $?; fi
  if CompWordsContainsArray "${cmds55[@]}"; then _picocli_cil_identity_list; return $?; fi
  if CompWordsContainsArray "${cmds54[@]}"; then _picocli_cil_ip_ls; return $?; fi
  if CompWordsContainsArray "${cmds53[@]}"; then _picocli_cil_ip_list; return $?; fi
  if CompWordsContainsArray "${cmds52[@]}"; then _picocli_cil_endpoint_exec; return $?; fi
  if CompWordsContainsArray "${cmds51[@]}"; then _picocli_cil_endpoint_rm; return $?; fi
  if CompWordsContainsArray "${cmds50[@]}"; then _picocli_cil_endpoint_delete; return $?; fi
  if CompWordsContainsArray "${cmds49[@]}"; then _picocli_cil_endpoint_create; return $?; fi
  if CompWordsContainsArray "${cmds48[@]}"; then _picocli_cil_endpoint_get; return $?; fi
  if CompWordsContainsArray "${cmds47[@]}"; then _picocli_cil_endpoint_ls; return $?; fi
  if CompWordsContainsArray "${cmds46[@]}"; then _picocli_cil_endpoint_list; return $?; fi
  if CompWordsContainsArray "${cmds45[@]}"; then _picocli_cil_daemon_clean; return $?; fi
  if CompWordsContainsArray "${cmds44[@]}"; then _picocli_cil_daemon_stop; return $?; fi
  if CompWordsContainsArray "${cmds43[@]}"; then _picocli_cil_daemon_run; return $?; fi
  if CompWordsContainsArray "${cmds42[@]}"; then _picocli_cil_daemon_start; return $?; fi
  if CompWordsContainsArray "${cmds41[@]}"; then _picocli_cil_btf_dump; return $?; fi
  if CompWordsContainsArray "${cmds40[@]}"; then _picocli_cil_btf_list; return $?; fi
  if CompWordsContainsArray "${cmds39[@]}"; then _picocli_cil_btf_show; return $?; fi
  if CompWordsContainsArray "${cmds38[@]}"; then _picocli_cil_net_detach; return $?; fi
  if CompWordsContainsArray "${cmds37[@]}"; then _picocli_cil_net_attach; return $?; fi
  if CompWordsContainsArray "${cmds36[@]}"; then _picocli_cil_net_list; return $?; fi
  if CompWordsContainsArray "${cmds35[@]}"; then _picocli_cil_net_show; return $?; fi
  if CompWordsContainsArray "${cmds34[@]}"; then _picocli_cil_link_detach; return $?; fi
  if CompWordsContainsArray "${cmds33[@]}"; then _picocli_cil_link_pin; return $?; fi
  if CompWordsContainsArray "${cmds32[@]}"; then _picocli_cil_link_list; return $?; fi
  if CompWordsContainsArray "${cmds31[@]}"; then _picocli_cil_link_show; return $?; fi
  if CompWordsContainsArray "${cmds30[@]}"; then _picocli_cil_map_get; return $?; fi
  if CompWordsContainsArray "${cmds29[@]}"; then _picocli_cil_map_freeze; return $?; fi
  if CompWordsContainsArray "${cmds28[@]}"; then _picocli_cil_map_pin; return $?; fi
  if CompWordsContainsArray "${cmds27[@]}"; then _picocli_cil_map_create; return $?; fi
  if CompWordsContainsArray "${cmds26[@]}"; then _picocli_cil_map_delete; return $?; fi
  if CompWordsContainsArray "${cmds25[@]}"; then _picocli_cil_map_update; return $?; fi
  if CompWordsContainsArray "${cmds24[@]}"; then _picocli_cil_map_getnext; return $?; fi
  if CompWordsContainsArray "${cmds23[@]}"; then _picocli_cil_map_lookup; return $?; fi
  if CompWordsContainsArray "${cmds22[@]}"; then _picocli_cil_map_dump; return $?; fi
  if CompWordsContainsArray "${cmds21[@]}"; then _picocli_cil_map_list; return $?; fi
  if CompWordsContainsArray "${cmds20[@]}"; then _picocli_cil_map_show; return $?; fi
  if CompWordsContainsArray "${cmds19[@]}"; then _picocli_cil_prog_loadall; return $?; fi
  if CompWordsContainsArray "${cmds18[@]}"; then _picocli_cil_prog_load; return $?; fi
  if CompWordsContainsArray "${cmds17[@]}"; then _picocli_cil_prog_dump; return $?; fi
  if CompWordsContainsArray "${cmds16[@]}"; then _picocli_cil_prog_list; return $?; fi
  if CompWordsContainsArray "${cmds15[@]}"; then _picocli_cil_prog_show; return $?; fi
  if CompWordsContainsArray "${cmds14[@]}"; then _picocli_cil_shell; return $?; fi
  if CompWordsContainsArray "${cmds13[@]}"; then _picocli_cil_monitor; return $?; fi
  if CompWordsContainsArray "${cmds12[@]}"; then _picocli_cil_observe; return $?; fi
  if CompWordsContainsArray "${cmds11[@]}"; then _picocli_cil_whoami; return $?; fi
  if CompWordsContainsArray "${cmds10[@]}"; then _picocli_cil_bpf; return $?; fi
  if CompWordsContainsArray "${cmds9[@]}"; then _picocli_cil_identity; return $?; fi
  if CompWordsContainsArray "${cmds8[@]}"; then _picocli_cil_ip; return $?; fi
  if CompWordsContainsArray "${cmds7[@]}"; then _picocli_cil_endpoint; return $?; fi
  if CompWordsContainsArray "${cmds6[@]}"; then _picocli_cil_status; return $?; fi
  if CompWordsContainsArray "${cmds5[@]}"; then _picocli_cil_daemon; return $?; fi
  if CompWordsContainsArray "${cmds4[@]}"; then _picocli_cil_btf; return $?; fi
  if CompWordsContainsArray "${cmds3[@]}"; then _picocli_cil_net; return $?; fi
  if CompWordsContainsArray "${cmds2[@]}"; then _picocli_cil_link; return $?; fi
  if CompWordsContainsArray "${cmds1[@]}"; then _picocli_cil_map; return $?; fi
  if CompWordsContainsArray "${cmds0[@]}"; then _picocli_cil_prog; return $?; fi

  # No subcommands were specified; generate completions for the top-level command.
  _picocli_cil; return $?;
}

# Generates completions for the options and subcommands of the `cil` command.
function _picocli_cil() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="prog map link net btf daemon status endpoint ip identity bpf whoami observe monitor shell"
  local flag_opts="'-V' '--version' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `prog` subcommand.
function _picocli_cil_prog() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="show list dump load loadall"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `map` subcommand.
function _picocli_cil_map() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="show list dump lookup getnext update delete create pin freeze get"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `link` subcommand.
function _picocli_cil_link() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="show list pin detach"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `net` subcommand.
function _picocli_cil_net() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="show list attach detach"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `btf` subcommand.
function _picocli_cil_btf() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="show list dump"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `daemon` subcommand.
function _picocli_cil_daemon() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="start run stop clean"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `status` subcommand.
function _picocli_cil_status() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--all-addresses' '--all-controllers' '--brief' '--verbose' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `endpoint` subcommand.
function _picocli_cil_endpoint() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="list ls get create delete rm exec"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ip` subcommand.
function _picocli_cil_ip() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="list ls"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `identity` subcommand.
function _picocli_cil_identity() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="list ls get"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `bpf` subcommand.
function _picocli_cil_bpf() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="endpoint ipcache ct metrics"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `whoami` subcommand.
function _picocli_cil_whoami() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'--hostname' '--port' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--hostname')
      return
      ;;
    '--port')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `observe` subcommand.
function _picocli_cil_observe() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '--all' '-p' '--pretty' '-f' '--follow' '--debug' '-h' '--help' '--not' '-A' '--all-namespaces' '--from-all-namespaces' '--to-all-namespaces' '-4' '--ipv4' '-6' '--ipv6' '--print-node-name' '--numeric'"
  local arg_opts="'--last' '--first' '--since' '--netns' '--until' '-N' '--node' '--pod' '--from-pod' '--to-pod' '-n' '--namespace' '--from-namespace' '--to-namespace' '--ip' '--from-ip' '--to-ip' '--snat-ip' '--ip-version' '--identity' '--from-identity' '--to-identity' '-l' '--label' '--from-label' '--to-label' '--service' '--from-service' '--to-service' '--fqdn' '--from-fqdn' '--to-fqdn' '--protocol' '--port' '--from-port' '--to-port' '--tcp-flags' '--verdict' '--drop-reason-desc' '-t' '--type' '--traffic-direction' '--node-name' '--node-label' '--uuid' '-o' '--output' '--time-format' '--color' '--input-file'"

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--last')
      return
      ;;
    '--first')
      return
      ;;
    '--since')
      return
      ;;
    '--netns')
      return
      ;;
    '--until')
      return
      ;;
    '-N'|'--node')
      return
      ;;
    '--pod')
      return
      ;;
    '--from-pod')
      return
      ;;
    '--to-pod')
      return
      ;;
    '-n'|'--namespace')
      return
      ;;
    '--from-namespace')
      return
      ;;
    '--to-namespace')
      return
      ;;
    '--ip')
      return
      ;;
    '--from-ip')
      return
      ;;
    '--to-ip')
      return
      ;;
    '--snat-ip')
      return
      ;;
    '--ip-version')
      return
      ;;
    '--identity')
      return
      ;;
    '--from-identity')
      return
      ;;
    '--to-identity')
      return
      ;;
    '-l'|'--label')
      return
      ;;
    '--from-label')
      return
      ;;
    '--to-label')
      return
      ;;
    '--service')
      return
      ;;
    '--from-service')
      return
      ;;
    '--to-service')
      return
      ;;
    '--fqdn')
      return
      ;;
    '--from-fqdn')
      return
      ;;
    '--to-fqdn')
      return
      ;;
    '--protocol')
      return
      ;;
    '--port')
      return
      ;;
    '--from-port')
      return
      ;;
    '--to-port')
      return
      ;;
    '--tcp-flags')
      return
      ;;
    '--verdict')
      return
      ;;
    '--drop-reason-desc')
      return
      ;;
    '-t'|'--type')
      return
      ;;
    '--traffic-direction')
      return
      ;;
    '--node-name')
      return
      ;;
    '--node-label')
      return
      ;;
    '--uuid')
      return
      ;;
    '-o'|'--output')
      return
      ;;
    '--time-format')
      return
      ;;
    '--color')
      return
      ;;
    '--input-file')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `monitor` subcommand.
function _picocli_cil_monitor() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-v' '--verbose' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help' '-n' '--numeric'"
  local arg_opts="'--pinned' '-o' '--output' '-t' '--type' '--from' '--netns' '--to' '-N' '--node' '--related-to' '--count'"

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--pinned')
      return
      ;;
    '-o'|'--output')
      return
      ;;
    '-t'|'--type')
      return
      ;;
    '--from')
      return
      ;;
    '--netns')
      return
      ;;
    '--to')
      return
      ;;
    '-N'|'--node')
      return
      ;;
    '--related-to')
      return
      ;;
    '--count')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `shell` subcommand.
function _picocli_cil_shell() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `show` subcommand.
function _picocli_cil_prog_show() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_prog_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `dump` subcommand.
function _picocli_cil_prog_dump() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `load` subcommand.
function _picocli_cil_prog_load() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `loadall` subcommand.
function _picocli_cil_prog_loadall() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `show` subcommand.
function _picocli_cil_map_show() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_map_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `dump` subcommand.
function _picocli_cil_map_dump() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `lookup` subcommand.
function _picocli_cil_map_lookup() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `getnext` subcommand.
function _picocli_cil_map_getnext() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `update` subcommand.
function _picocli_cil_map_update() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `delete` subcommand.
function _picocli_cil_map_delete() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `create` subcommand.
function _picocli_cil_map_create() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `pin` subcommand.
function _picocli_cil_map_pin() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `freeze` subcommand.
function _picocli_cil_map_freeze() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `get` subcommand.
function _picocli_cil_map_get() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `show` subcommand.
function _picocli_cil_link_show() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_link_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `pin` subcommand.
function _picocli_cil_link_pin() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `detach` subcommand.
function _picocli_cil_link_detach() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `show` subcommand.
function _picocli_cil_net_show() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_net_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `attach` subcommand.
function _picocli_cil_net_attach() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `detach` subcommand.
function _picocli_cil_net_detach() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `show` subcommand.
function _picocli_cil_btf_show() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_btf_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `dump` subcommand.
function _picocli_cil_btf_dump() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--bpftool-7.1' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `start` subcommand.
function _picocli_cil_daemon_start() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'--pod-cidr' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--pod-cidr')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `run` subcommand.
function _picocli_cil_daemon_run() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'--pod-cidr' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '--pod-cidr')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `stop` subcommand.
function _picocli_cil_daemon_stop() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `clean` subcommand.
function _picocli_cil_daemon_clean() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_endpoint_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--no-headers' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ls` subcommand.
function _picocli_cil_endpoint_ls() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'--no-headers' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `get` subcommand.
function _picocli_cil_endpoint_get() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-n' '--namespace' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-n'|'--namespace')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `create` subcommand.
function _picocli_cil_endpoint_create() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-l' '--labels' '-n' '--namespace' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-l'|'--labels')
      return
      ;;
    '-n'|'--namespace')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `delete` subcommand.
function _picocli_cil_endpoint_delete() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-n' '--namespace' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-n'|'--namespace')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `rm` subcommand.
function _picocli_cil_endpoint_rm() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-n' '--namespace' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-n'|'--namespace')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `exec` subcommand.
function _picocli_cil_endpoint_exec() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-t' '--tty' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-n' '--namespace' '-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-n'|'--namespace')
      return
      ;;
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_ip_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-n' '--numeric' '-v' '--verbose' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ls` subcommand.
function _picocli_cil_ip_ls() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-n' '--numeric' '-v' '--verbose' '-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_identity_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ls` subcommand.
function _picocli_cil_identity_ls() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `get` subcommand.
function _picocli_cil_identity_get() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `endpoint` subcommand.
function _picocli_cil_bpf_endpoint() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="list ls"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ipcache` subcommand.
function _picocli_cil_bpf_ipcache() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="list ls"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ct` subcommand.
function _picocli_cil_bpf_ct() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="list ls"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `metrics` subcommand.
function _picocli_cil_bpf_metrics() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands="list ls"
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_bpf_endpoint_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ls` subcommand.
function _picocli_cil_bpf_endpoint_ls() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_bpf_ipcache_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ls` subcommand.
function _picocli_cil_bpf_ipcache_ls() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_bpf_ct_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ls` subcommand.
function _picocli_cil_bpf_ct_ls() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `list` subcommand.
function _picocli_cil_bpf_metrics_list() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Generates completions for the options and subcommands of the `ls` subcommand.
function _picocli_cil_bpf_metrics_ls() {
  # Get completion data
  local curr_word=${COMP_WORDS[COMP_CWORD]}
  local prev_word=${COMP_WORDS[COMP_CWORD-1]}

  local commands=""
  local flag_opts="'-j' '--json' '-p' '--pretty' '-f' '--bpffs' '--debug' '-h' '--help'"
  local arg_opts="'-o' '--output' '--netns' '-N' '--node'"
  local FORMAT_option_args=("text" "json") # --output values

  type compopt &>/dev/null && compopt +o default

  case ${prev_word} in
    '-o'|'--output')
      local IFS=$'\n'
      COMPREPLY=( $( compReplyArray "${FORMAT_option_args[@]}" ) )
      return $?
      ;;
    '--netns')
      return
      ;;
    '-N'|'--node')
      return
      ;;
  esac

  if [[ "${curr_word}" == -* ]]; then
    COMPREPLY=( $(compgen -W "${flag_opts} ${arg_opts}" -- "${curr_word}") )
  else
    local positionals=""
    local IFS=$'\n'
    COMPREPLY=( $(compgen -W "${commands// /$'\n'}${IFS}${positionals}" -- "${curr_word}") )
  fi
}

# Define a completion specification (a compspec) for the
# `cil`, `cil.sh`, and `cil.bash` commands.
# Uses the bash `complete` builtin (see [6]) to specify that shell function
# `_complete_cil` is responsible for generating possible completions for the
# current word on the command line.
# The `-o default` option means that if the function generated no matches, the
# default Bash completions and the Readline default filename completions are performed.

# ---- live values: ids, names, devices, namespaces (from `cil __complete`) ----

# _cil_children PATH: the subcommands (and their aliases) of the command PATH ("" is cil).
function _cil_children() {
  case "$1" in
    "") echo prog map link net btf daemon status endpoint ip identity bpf whoami observe monitor shell ;;
    "prog") echo show list dump load loadall ;;
    "map") echo show list dump lookup getnext update delete create pin freeze get ;;
    "link") echo show list pin detach ;;
    "net") echo show list attach detach ;;
    "btf") echo show list dump ;;
    "daemon") echo start run stop clean ;;
    "endpoint") echo list ls get create delete rm exec ;;
    "ip") echo list ls ;;
    "identity") echo list ls get ;;
    "bpf") echo endpoint ipcache ct metrics ;;
    "bpf endpoint") echo list ls ;;
    "bpf ipcache") echo list ls ;;
    "bpf ct") echo list ls ;;
    "bpf metrics") echo list ls ;;
  esac
}

# _cil_canonical PATH NAME: the command a subcommand name or alias stands for.
function _cil_canonical() {
  case "$1|$2" in
    "prog|list") echo show ;;
    "map|list") echo show ;;
    "link|list") echo show ;;
    "net|list") echo show ;;
    "btf|list") echo show ;;
    "endpoint|ls") echo list ;;
    "endpoint|rm") echo delete ;;
    "ip|ls") echo list ;;
    "identity|ls") echo list ;;
    "bpf endpoint|ls") echo list ;;
    "bpf ipcache|ls") echo list ;;
    "bpf ct|ls") echo list ;;
    "bpf metrics|ls") echo list ;;
    *) echo "$2" ;;
  esac
}

# The options that take a value (their value is not an argument).
_cil_arg_opts=" -o --output --netns -N --node --pod-cidr -n --namespace -l --labels --hostname --port --last --first --since --until --pod --from-pod --to-pod --from-namespace --to-namespace --ip --from-ip --to-ip --snat-ip --ip-version --identity --from-identity --to-identity --label --from-label --to-label --service --from-service --to-service --fqdn --from-fqdn --to-fqdn --protocol --from-port --to-port --tcp-flags --verdict --drop-reason-desc -t --type --traffic-direction --node-name --node-label --uuid --time-format --color --input-file --pinned --from --to --related-to --count "

# _cil_live_option OPTION: whether the option's value is completed live.
function _cil_live_option() {
  case "$1" in
    --netns|--input-file|--pinned) return 0 ;;
  esac
  return 1
}

# _cil_live_command PATH: whether the command's arguments are completed live (its grammar).
function _cil_live_command() {
  case "$1" in
    "prog show"|"prog dump"|"map show"|"map dump"|"map lookup"|"map getnext"|"map update"|"map delete"|"map create"|"map pin"|"map freeze"|"link show"|"link pin"|"link detach"|"net show"|"net attach"|"net detach"|"btf show"|"bpf ct list") return 0 ;;
  esac
  return 1
}

# _cil_complete: the completion function. It reads the words as cil's parser does (options and
# their values, subcommands by name, alias or unambiguous prefix), asks `cil __complete` where a
# live value is wanted, and leaves everything else to picocli's _complete_cil.
function _cil_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local cmdpath="" word pending="" positional=0 i m canon found
  for (( i = 1; i < COMP_CWORD; i++ )); do
    word=${COMP_WORDS[i]}
    if [[ -n $pending ]]; then pending=""; continue; fi
    if [[ $word == -?* ]]; then
      [[ $_cil_arg_opts == *" $word "* ]] && pending=$word
      continue
    fi
    if (( ! positional )); then
      found=""
      for m in $(_cil_children "$cmdpath"); do
        if [[ $m == "$word" ]]; then found=$(_cil_canonical "$cmdpath" "$m"); break; fi
        if [[ $m == "$word"* ]]; then
          canon=$(_cil_canonical "$cmdpath" "$m")
          if [[ -z $found ]]; then found=$canon; elif [[ $found != "$canon" ]]; then found="-"; fi
        fi
      done
      if [[ -n $found && $found != "-" ]]; then cmdpath=${cmdpath:+$cmdpath }$found; continue; fi
    fi
    positional=1
  done
  local live=0
  if [[ -n $pending ]]; then
    _cil_live_option "$pending" && live=1
  elif [[ $cur != -* ]] && _cil_live_command "$cmdpath"; then
    if (( positional )) || [[ -z $(_cil_children "$cmdpath") ]]; then live=1; fi
  fi
  if (( live )); then
    local -a args=()
    for (( i = 1; i <= COMP_CWORD; i++ )); do args+=( "${COMP_WORDS[i]}" ); done
    local IFS=$'\n'
    COMPREPLY=( $(command "${COMP_WORDS[0]}" __complete --shell bash -- "${args[@]}" 2>/dev/null) )
    if type compopt &>/dev/null; then
      compopt +o default
      if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then compopt -o nospace; fi
    fi
    return 0
  fi
  _complete_cil "$@"
}

complete -F _cil_complete -o default cil
