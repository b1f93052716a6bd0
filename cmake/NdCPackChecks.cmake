# Run by cpack before it packages (CPACK_PROJECT_CONFIG_FILE, set in NdPackaging.cmake).
# CPack's DEB generator without dpkg-shlibdeps writes the package anyway, with only the
# dependencies given by hand: nd-tidy's libclang-cpp and libLLVM would be missing from
# its Depends. Refuse instead.
if(CPACK_GENERATOR STREQUAL "DEB" AND CPACK_DEBIAN_PACKAGE_SHLIBDEPS)
  find_program(ND_DPKG_SHLIBDEPS dpkg-shlibdeps)
  if(NOT ND_DPKG_SHLIBDEPS)
    message(FATAL_ERROR "nd package: dpkg-shlibdeps not found; install dpkg-dev (it "
                        "computes the package's dependencies on the LLVM libraries)")
  endif()
endif()
