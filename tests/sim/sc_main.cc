// SystemC owns main(): this sc_main runs the GoogleTest cases of a sim test binary. Each TEST
// elaborates its own design, so ctest runs each TEST in its own process (gtest_discover_tests).
#include <systemc>

#include <gtest/gtest.h>

int sc_main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
