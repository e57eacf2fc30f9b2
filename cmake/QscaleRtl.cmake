# RTL build helpers: registering SystemVerilog units (lint + synthesis tests, file closures) and
# verilating them as --cc models. Included at the top level so that rtl/, sim/ and tests/ share
# the functions and QSCALE_VERILATOR_ARGS. Units are registered in rtl/CMakeLists.txt.

# Verilator options shared by every verilated model (speed; X never reaches our outputs).
set(QSCALE_VERILATOR_ARGS -O3 --x-assign fast --x-initial fast -Wno-fatal)

# qscale_rtl_files(<var> <module>): the files <module> needs (its own and, transitively, those of
# the modules it instantiates), for a Verilator or Yosys command line.
function(qscale_rtl_files var module)
  get_property(files GLOBAL PROPERTY QSCALE_RTL_FILES_${module})
  if(NOT files)
    message(FATAL_ERROR "qscale_rtl_files: unknown RTL module '${module}'")
  endif()
  set(${var} ${files} PARENT_SCOPE)
endfunction()

# qscale_rtl_unit(<file> [PACKAGE] [USES <module>...] [VARIANTS <name> "<Param>=<value> ..." ...])
# Registers one RTL file (module = file name): appends it to the global property
# QSCALE_RTL_SOURCES (every RTL file, in dependency order), records its file closure, and adds
# the ctest tests
#   rtl_lint.<module>   verilator --lint-only -Wall, default parameters
#   rtl_synth.<module>  yosys synth -top, check -assert, no latch, no undriven net (the
#                       "has no driver" warning is an error)
# plus rtl_lint.<module>.<name> / rtl_synth.<module>.<name> for each variant's parameters, so
# every generate branch is linted and synthesized. USES names modules and packages. A PACKAGE
# (file = package name, e.g. qscale_pkg.sv) has no module to synthesize: rtl_lint.<package> only;
# the units that use it list it in USES, so it comes first in their file closure.
function(qscale_rtl_unit file)
  cmake_parse_arguments(ARG "PACKAGE" "" "USES;VARIANTS" ${ARGN})
  get_filename_component(module ${file} NAME_WE)
  set(path ${CMAKE_CURRENT_SOURCE_DIR}/${file})
  set(files "")
  foreach(used ${ARG_USES})
    qscale_rtl_files(used_files ${used})
    list(APPEND files ${used_files})
  endforeach()
  list(APPEND files ${path})
  list(REMOVE_DUPLICATES files)
  set_property(GLOBAL PROPERTY QSCALE_RTL_FILES_${module} ${files})
  set_property(GLOBAL APPEND PROPERTY QSCALE_RTL_SOURCES ${path})
  if(ARG_PACKAGE)
    add_test(NAME rtl_lint.${module} COMMAND verilator --lint-only -Wall ${files})
    set_tests_properties(rtl_lint.${module} PROPERTIES LABELS "rtl;lint")
    return()
  endif()

  set(variants "" "")  # the default parameters: empty name, no overrides
  list(APPEND variants ${ARG_VARIANTS})
  list(LENGTH variants count)
  math(EXPR last "${count} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET variants ${i} name)
    list(GET variants ${j} params)
    separate_arguments(params)
    set(gflags "")
    set(chparam "")
    foreach(assignment ${params})
      string(REPLACE "=" ";" pair ${assignment})
      list(GET pair 0 pname)
      list(GET pair 1 pvalue)
      list(APPEND gflags -G${pname}=${pvalue})
      string(APPEND chparam " -set ${pname} ${pvalue}")
    endforeach()
    set(suffix "")
    set(chparam_cmd "")
    if(name)
      set(suffix ".${name}")
      set(chparam_cmd "chparam${chparam} ${module}; ")
    endif()
    string(REPLACE ";" " " file_list "${files}")
    add_test(NAME rtl_lint.${module}${suffix}
             COMMAND verilator --lint-only -Wall --top-module ${module} ${gflags} ${files})
    add_test(NAME rtl_synth.${module}${suffix}
             COMMAND yosys -q -e "has no driver" -p "read_verilog -sv ${file_list}; ${chparam_cmd}synth -top ${module}; check -assert; select -assert-none t:$dlatch t:$_DLATCH_*")
    set_tests_properties(rtl_lint.${module}${suffix} rtl_synth.${module}${suffix}
                         PROPERTIES LABELS "rtl;lint")
  endforeach()
endfunction()

# qscale_verilate_cc(<library> TOP <module> [PREFIX <class>] [SEPARATE] [PARAMS -GName=value ...])
# Adds one --cc model of <module> (its whole file closure), class <class> (default V<library>),
# to the static library <library>, created on first use. Put all the models a test binary needs
# in one library: the library is a unity build at -O1, the Verilator runtime in one translation
# unit and every small model in another, which cuts a small model's build cost about tenfold
# (two such libraries in one binary would define the runtime twice). SEPARATE gives a big model
# (an array) a translation unit of its own, so that big models compile in parallel.
function(qscale_verilate_cc target)
  cmake_parse_arguments(ARG "SEPARATE" "TOP;PREFIX" "PARAMS" ${ARGN})
  if(NOT ARG_PREFIX)
    set(ARG_PREFIX V${target})
  endif()
  if(NOT TARGET ${target})
    add_library(${target} STATIC)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_MODE GROUP)
    target_compile_options(${target} PRIVATE -O1)
  endif()
  get_target_property(before ${target} SOURCES)
  qscale_rtl_files(files ${ARG_TOP})
  verilate(${target} SOURCES ${files} TOP_MODULE ${ARG_TOP} PREFIX ${ARG_PREFIX}
           VERILATOR_ARGS ${QSCALE_VERILATOR_ARGS} ${ARG_PARAMS})
  qscale_verilated_headers_are_system(${target})
  get_target_property(after ${target} SOURCES)
  if(before)
    list(REMOVE_ITEM after ${before})
  endif()
  list(FILTER after INCLUDE REGEX "\\.(cpp|cc)$")
  # The Verilator runtime (shared files, the same for every library) is one group of its own.
  set(runtime ${after})
  list(FILTER runtime INCLUDE REGEX "/verilator/include/")
  list(FILTER after EXCLUDE REGEX "/verilator/include/")
  set_source_files_properties(${runtime} PROPERTIES UNITY_GROUP verilator_runtime)
  set(group ${target})
  if(ARG_SEPARATE)
    set(group ${ARG_PREFIX})
  endif()
  set_source_files_properties(${after} PROPERTIES UNITY_GROUP ${group})
endfunction()

# qscale_multiplier_test(<module> GOLDEN <function> HEADER <header> LATENCY <constant>
#                        [LIBS <library>...] CONFIGS <W>x<A> ...)
# Regression-tests a multiplier with the drop-in interface of mul_exact.sv (clk_i, rst_ni,
# signed weight_i [W], signed act_i [A] -> signed prod_o [W+A], registered) against its C++ model
# `int32_t <function>(int32_t weight, int32_t act, int weight_bits, int act_bits)` declared in
# <header> (rooted at the repo top) with latency <constant> cycles. For each configuration WxA a
# model V<module>_w<W>a<A> is verilated and a test <Suite>.MatchesGoldenAtW<W>A<A> generated
# from tests/rtl/multiplier_test.cc.in: exhaustive when W + A <= 24, else corners plus 200000
# seeded random pairs; the product must not move before <constant> cycles. The test binary is
# rtl_<module>_test, label rtl. rtl/README.md ("Adding a multiplier") walks through it.
function(qscale_multiplier_test module)
  cmake_parse_arguments(ARG "" "GOLDEN;HEADER;LATENCY" "LIBS;CONFIGS" ${ARGN})
  set(library rtl_${module}_models)
  set(includes "")
  set(tests "")
  foreach(config ${ARG_CONFIGS})
    string(REPLACE "x" ";" widths ${config})
    list(GET widths 0 w)
    list(GET widths 1 a)
    set(model V${module}_w${w}a${a})
    qscale_verilate_cc(${library} TOP ${module} PREFIX ${model}
                       PARAMS -GWeightWidth=${w} -GActWidth=${a})
    string(APPEND includes "#include \"${model}.h\"\n")
    string(APPEND tests "QSCALE_MULTIPLIER_TEST(${model}, ${w}, ${a})\n")
  endforeach()
  string(REPLACE "_" ";" words ${module})
  set(suite "")
  foreach(word ${words})
    string(SUBSTRING ${word} 0 1 first)
    string(TOUPPER ${first} first)
    string(SUBSTRING ${word} 1 -1 rest)
    string(APPEND suite ${first}${rest})
  endforeach()
  set(QSCALE_MUL_MODULE ${module})
  set(QSCALE_MUL_SUITE ${suite}Rtl)
  set(QSCALE_MUL_GOLDEN ${ARG_GOLDEN})
  set(QSCALE_MUL_HEADER ${ARG_HEADER})
  set(QSCALE_MUL_LATENCY ${ARG_LATENCY})
  set(QSCALE_MUL_INCLUDES ${includes})
  set(QSCALE_MUL_TESTS ${tests})
  set(source ${CMAKE_CURRENT_BINARY_DIR}/${module}_test.cc)
  configure_file(${PROJECT_SOURCE_DIR}/tests/rtl/multiplier_test.cc.in ${source} @ONLY)
  qscale_test(rtl_${module}_test SOURCES ${source} DEPS ${library} qscale_golden ${ARG_LIBS}
              LABEL rtl)
endfunction()
