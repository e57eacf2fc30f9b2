# Sanitizer and fuzzing builds of qscale's own code. Each belongs in its own build directory:
#   cmake -S . -B build-asan -DQSCALE_SANITIZE=ON    (GCC or clang; scripts/test.sh does this)
#   cmake -S . -B build-fuzz -DQSCALE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++   (scripts/fuzz.sh)
# Only targets made with qscale_library / qscale_test / qscale_sanitize are instrumented;
# verilated models and the SystemC library never are (their tests carry the labels rtl and sim,
# which the sanitizer run skips).
option(QSCALE_SANITIZE "Build qscale's libraries and tests with ASan + UBSan" OFF)
option(QSCALE_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only; own build dir)" OFF)

set(QSCALE_SANITIZER_FLAGS "")
if(QSCALE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "QSCALE_FUZZ=ON needs clang (libFuzzer): "
                        "cmake -DCMAKE_CXX_COMPILER=clang++ -DQSCALE_FUZZ=ON ...")
  endif()
  # Every library is built with coverage feedback; only the fuzz executables link libFuzzer's
  # main (-fsanitize=fuzzer, added by qscale_fuzz_target).
  set(QSCALE_SANITIZER_FLAGS -fsanitize=fuzzer-no-link,address,undefined
                             -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
elseif(QSCALE_SANITIZE)
  # -O1 -g1 (line tables): reports with file:line, at a third of the compile time of -O3 -g,
  # which dominates the sanitizer stage of scripts/test.sh.
  set(QSCALE_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
                             -fno-omit-frame-pointer -O1 -g1)
endif()

# Instruments `target` (one of ours) when a sanitizer build is configured; a no-op otherwise.
# Executables also link the sanitizer runtimes.
function(qscale_sanitize target)
  if(NOT QSCALE_SANITIZER_FLAGS)
    return()
  endif()
  target_compile_options(${target} PRIVATE ${QSCALE_SANITIZER_FLAGS})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE ${QSCALE_SANITIZER_FLAGS})
  endif()
endfunction()
