#!/usr/bin/env bash
# Synthesizes one RTL unit at one parameterization with Yosys and writes its cost figures for
# the energy/area model (src/cost/unit_library.h). Called by the build (cmake/QscaleSynth.cmake),
# one call per unit variant; results are cached by content hash.
#
# usage: synth_unit.sh OUT_DIR ID MODULE "PARAMS" "FLOWS" FILE...
#   PARAMS  "Name=value ..." parameter overrides ("" for the defaults); "@port=value" ties an
#           input port to a constant (e.g. "@quality_i=3": mul_csd built for one quality; the
#           port leaves the interface and the logic it makes unreachable is removed)
#   FLOWS   "generic xilinx [xilinx_nodsp]"
# Writes OUT_DIR/ID.unit.json:
#   {"module", "variant", "params": {...}, "key", "yosys",
#    "generic": <stat -json after synth + abc -g AND,NAND,OR,NOR,XOR,XNOR,MUX>,
#    "generic_depth": <ltp -noff length>, "xilinx": <stat -json after synth_xilinx>,
#    "xilinx_nodsp": <stat -json after synth_xilinx -nodsp, or null>}
# and OUT_DIR/ID.netlist.json (write_json of the flattened generic-gate netlist).
# Cache: ${QSCALE_SYNTH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qscale/synth}/<sha256 of this
# script, the Yosys version, module, parameters, flows and every file's content>.
set -euo pipefail
out_dir=$1 id=$2 module=$3 params=$4 flows=$5
shift 5
files=("$@")
yosys_version=$(yosys -V)
key=$( { cat "$0"; echo "$yosys_version|$module|$params|$flows"; cat "${files[@]}"; } |
       sha256sum | cut -d' ' -f1)
cache_root=${QSCALE_SYNTH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qscale/synth}
cache=$cache_root/$key
mkdir -p "$out_dir"
if [ -f "$cache/unit.json" ] && [ -f "$cache/netlist.json" ]; then
  cp "$cache/netlist.json" "$out_dir/$id.netlist.json.tmp"
  cp "$cache/unit.json" "$out_dir/$id.unit.json.tmp"
  mv "$out_dir/$id.netlist.json.tmp" "$out_dir/$id.netlist.json"
  mv "$out_dir/$id.unit.json.tmp" "$out_dir/$id.unit.json"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/qscale_synth.XXXXXX")
trap 'rm -rf "$work"' EXIT
chparam=""
json_params=""
ties=""
for assignment in $params; do
  name=${assignment%%=*} value=${assignment#*=}
  if [ "${name#@}" != "$name" ]; then
    ties+=" delete -port ${name#@}; connect -set ${name#@} $value;"
  else
    chparam+=" -set $name $value"
  fi
  json_params+="${json_params:+, }\"$name\": $value"
done
read_cmd="read_verilog -sv ${files[*]};"
[ -n "$chparam" ] && read_cmd+=" chparam$chparam $module;"
[ -n "$ties" ] && read_cmd+=" hierarchy -top $module; proc; cd $module;$ties cd;"

run_yosys() {  # run_yosys LOG SCRIPT
  if ! yosys -q -l "$1" -p "$2" >/dev/null 2>&1; then
    echo "synth_unit.sh: yosys failed for $id ($module $params); log: $1" >&2
    tail -20 "$1" >&2
    cp "$1" "$out_dir/$id.yosys.log" || true
    exit 1
  fi
}

run_yosys "$work/generic.log" "$read_cmd synth -flatten -top $module; \
abc -g AND,NAND,OR,NOR,XOR,XNOR,MUX; opt_clean; tee -q -o $work/generic.json stat -json; \
tee -q -o $work/ltp.txt ltp -noff; write_json $work/netlist.json"
depth=$(sed -n 's/^Longest topological path in .* (length=\([0-9]*\)).*/\1/p' "$work/ltp.txt" |
        head -1)
[ -n "$depth" ] || depth=0

xilinx=null
nodsp=null
for flow in $flows; do
  case $flow in
    generic) ;;
    xilinx)
      run_yosys "$work/xilinx.log" "$read_cmd synth_xilinx -flatten -noiopad -top $module; \
tee -q -o $work/xilinx.json stat -json"
      xilinx=$(cat "$work/xilinx.json") ;;
    xilinx_nodsp)
      run_yosys "$work/nodsp.log" "$read_cmd synth_xilinx -nodsp -flatten -noiopad -top $module; \
tee -q -o $work/nodsp.json stat -json"
      nodsp=$(cat "$work/nodsp.json") ;;
    *) echo "synth_unit.sh: unknown flow $flow" >&2; exit 2 ;;
  esac
done

{
  printf '{"module": "%s", "variant": "%s", "params": {%s},\n' "$module" "$id" "$json_params"
  printf '"key": "%s", "yosys": "%s",\n"generic": ' "$key" "$yosys_version"
  cat "$work/generic.json"
  printf ',\n"generic_depth": %s,\n"xilinx": %s,\n"xilinx_nodsp": %s}\n' "$depth" "$xilinx" "$nodsp"
} > "$work/unit.json"

mkdir -p "$cache"
cp "$work/netlist.json" "$cache/netlist.json.tmp.$$" && mv "$cache/netlist.json.tmp.$$" "$cache/netlist.json"
cp "$work/unit.json" "$cache/unit.json.tmp.$$" && mv "$cache/unit.json.tmp.$$" "$cache/unit.json"
cp "$work/netlist.json" "$out_dir/$id.netlist.json.tmp" && mv "$out_dir/$id.netlist.json.tmp" "$out_dir/$id.netlist.json"
cp "$work/unit.json" "$out_dir/$id.unit.json.tmp" && mv "$out_dir/$id.unit.json.tmp" "$out_dir/$id.unit.json"
