# Installs the libraries, public headers, a CMake package (find_package(libstore) gives
# libstore::libstore and libstore::libstore_static) and a pkg-config file.
include(CMakePackageConfigHelpers)

set(LIBSTORE_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/libstore")

install(TARGETS libstore_shared libstore_static
    EXPORT libstoreTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/libstore DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    FILES_MATCHING PATTERN "*.h")
install(EXPORT libstoreTargets NAMESPACE libstore:: DESTINATION ${LIBSTORE_CMAKE_DIR})

configure_package_config_file(cmake/libstoreConfig.cmake.in
    "${CMAKE_CURRENT_BINARY_DIR}/libstoreConfig.cmake"
    INSTALL_DESTINATION ${LIBSTORE_CMAKE_DIR})
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/libstoreConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion)
install(FILES
    "${CMAKE_CURRENT_BINARY_DIR}/libstoreConfig.cmake"
    "${CMAKE_CURRENT_BINARY_DIR}/libstoreConfigVersion.cmake"
    cmake/LibstoreDependencies.cmake
    DESTINATION ${LIBSTORE_CMAKE_DIR})

file(RELATIVE_PATH LIBSTORE_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/libstore.pc.in "${CMAKE_CURRENT_BINARY_DIR}/libstore.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/libstore.pc"
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
