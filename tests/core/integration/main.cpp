#include <gtest/gtest.h>

#include "database_environment.hpp"

int main(int argc, char **argv) {
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new libstore::testing::DatabaseEnvironment);
    return RUN_ALL_TESTS();
}
