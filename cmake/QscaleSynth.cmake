# Unit costs from synthesis: every RTL unit variant the energy/area model prices is synthesized
# by Yosys at build time (scripts/synth_unit.sh: a generic-gate flow and the Xilinx flow), into
# ${QSCALE_UNIT_COSTS_DIR}/<module>.<variant>.unit.json (+ .netlist.json), which src/cost reads
# at run time. Results are cached by content hash (see the script), so an unchanged unit costs
# nothing on a rebuild or a fresh build on the same machine.

set(QSCALE_UNIT_COSTS_DIR ${CMAKE_BINARY_DIR}/unit_costs)
add_custom_target(qscale_unit_costs ALL)

# qscale_synth_unit(<module> <variant> "<Param>=<value> ..." [NODSP] [NOXILINX])
# Synthesizes <module> (registered with qscale_rtl_unit) with the given parameters. NODSP adds
# the `synth_xilinx -nodsp` mapping (the exact multiplier on LUTs only); NOXILINX leaves the
# FPGA flow out (its counts show as "-").
function(qscale_synth_unit module variant params)
  cmake_parse_arguments(ARG "NODSP;NOXILINX" "" "" ${ARGN})
  qscale_rtl_files(files ${module})
  set(flows "generic")
  if(NOT ARG_NOXILINX)
    string(APPEND flows " xilinx")
  endif()
  if(ARG_NODSP)
    string(APPEND flows " xilinx_nodsp")
  endif()
  set(id ${module}.${variant})
  set(out ${QSCALE_UNIT_COSTS_DIR}/${id}.unit.json)
  add_custom_command(
    OUTPUT ${out} ${QSCALE_UNIT_COSTS_DIR}/${id}.netlist.json
    COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/synth_unit.sh ${QSCALE_UNIT_COSTS_DIR} ${id}
            ${module} "${params}" "${flows}" ${files}
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/scripts/synth_unit.sh
    COMMENT "Synthesizing ${id} (Yosys: generic gates, ${flows})"
    VERBATIM)
  add_custom_target(qscale_synth_${module}_${variant} DEPENDS ${out})
  add_dependencies(qscale_unit_costs qscale_synth_${module}_${variant})
endfunction()
