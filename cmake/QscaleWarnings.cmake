# Warnings as errors on qscale's own targets (never on verilated code).
function(qscale_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror
                                           -Wno-error=deprecated-declarations)
endfunction()

# A qscale library: sources, include root at the repo top, warnings as errors.
function(qscale_library target)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${target} STATIC ${ARG_SOURCES})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC ${ARG_DEPS})
  qscale_target_warnings(${target})
  qscale_sanitize(${target})
endfunction()

# A GoogleTest binary, each TEST discovered as its own ctest (own process).
function(qscale_test target)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;DEPS" ${ARGN})
  add_executable(${target} ${ARG_SOURCES})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${target} PRIVATE QSCALE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  qscale_target_warnings(${target})
  qscale_sanitize(${target})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  gtest_discover_tests(${target} PROPERTIES LABELS ${ARG_LABEL}
                       WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60)
endfunction()

# Verilator's headers do not build under our warnings: consumers of a verilated model see its
# include directories as system directories.
function(qscale_verilated_headers_are_system target)
  set_target_properties(${target} PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES
                        $<TARGET_PROPERTY:${target},INTERFACE_INCLUDE_DIRECTORIES>)
endfunction()
