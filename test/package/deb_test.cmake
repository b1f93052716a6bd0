# The Debian package (cmake/NdPackaging.cmake), built and unpacked as a user's machine
# would see it. Run by ctest with `cmake -P` (test/package/CMakeLists.txt passes the -D
# variables):
#
#   CPACK, CPACK_CONFIG  cpack and the build tree's CPackConfig.cmake: the package is
#                  made as `--target package` makes it, without running the build
#                  again (ctest runs after it) and into WORK_DIR, not the tree's top
#   WORK_DIR       cpack/ (the .deb), root/ (unpacked with dpkg-deb -x), sarif/
#   DPKG_DEB       dpkg-deb
#   PACKAGE, VERSION  the expected Package and Version fields
#   EXPECT_DEPENDS    "|"-list of packages the Depends field must name
#   UNEXPECTED_DEPENDS  "|"-list of packages it must not name
#   EXPECT_SUGGESTS   "|"-list of packages the Suggests field must name
#   EXPECT_FILES   "|"-list of paths under root/usr that must be in the package
#   EXAMPLE        a docs/examples/ file, linted by the unpacked nd-tidy with --sarif:
#                  its nd rules' help pages must be the unpacked ones
cmake_minimum_required(VERSION 3.20)

foreach(var CPACK CPACK_CONFIG WORK_DIR DPKG_DEB PACKAGE VERSION EXPECT_DEPENDS
            EXPECT_FILES EXAMPLE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "deb_test.cmake: -D${var}=... is required")
  endif()
endforeach()

# Builds the package into WORK_DIR/cpack; sets <deb_var> to the .deb.
function(build_package deb_var)
  set(out ${WORK_DIR}/cpack)
  file(REMOVE_RECURSE ${out})
  execute_process(COMMAND ${CPACK} --config ${CPACK_CONFIG} -B ${out}
                  OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE status)
  file(GLOB debs ${out}/*.deb)
  list(LENGTH debs count)
  if(NOT status EQUAL 0 OR NOT count EQUAL 1)
    message(FATAL_ERROR "cpack failed (${status}) or made not one .deb (${debs}); build "
                        "every target first:\n${log}")
  endif()
  message(STATUS "cpack made ${debs}")
  set(${deb_var} ${debs} PARENT_SCOPE)
endfunction()

# A control field's value.
function(field_value deb field out_var)
  execute_process(COMMAND ${DPKG_DEB} --field ${deb} ${field}
                  OUTPUT_VARIABLE value RESULT_VARIABLE status OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "dpkg-deb --field ${deb} ${field} failed (${status})")
  endif()
  set(${out_var} "${value}" PARENT_SCOPE)
endfunction()

# The package names of a control field's value ("a (>= 1), b | c" -> a;b;c).
function(field_packages deb field out_var)
  field_value(${deb} ${field} value)
  string(REGEX REPLACE "\\([^)]*\\)" "" names "${value}")
  string(REGEX REPLACE "[ \t\n]*[,|][ \t\n]*" ";" names "${names}")
  string(STRIP "${names}" names)
  message(STATUS "${field}: ${value}")
  set(${out_var} ${names} PARENT_SCOPE)
endfunction()

function(check_control deb)
  foreach(field Package Version)
    field_value(${deb} ${field} value)
    if(NOT value STREQUAL ${field_expected_${field}})
      message(FATAL_ERROR "the package's ${field} is '${value}', not '${field_expected_${field}}'")
    endif()
  endforeach()
  field_packages(${deb} Depends depends)
  string(REPLACE "|" ";" expected "${EXPECT_DEPENDS}")
  string(REPLACE "|" ";" unexpected "${UNEXPECTED_DEPENDS}")
  foreach(name ${expected})
    if(NOT name IN_LIST depends)
      message(FATAL_ERROR "Depends lacks ${name}: ${depends}")
    endif()
  endforeach()
  foreach(name ${unexpected})
    if(name IN_LIST depends)
      message(FATAL_ERROR "Depends names ${name}, which nothing in the package needs: ${depends}")
    endif()
  endforeach()
  field_packages(${deb} Suggests suggests)
  string(REPLACE "|" ";" expected "${EXPECT_SUGGESTS}")
  foreach(name ${expected})
    if(NOT name IN_LIST suggests)
      message(FATAL_ERROR "Suggests lacks ${name}: ${suggests}")
    endif()
  endforeach()
endfunction()

# The unpacked nd-tidy links its help pages to the unpacked docs, found next to itself.
function(check_docs_links usr)
  set(dir ${WORK_DIR}/sarif)
  file(REMOVE_RECURSE ${dir})
  get_filename_component(name ${EXAMPLE} NAME)
  configure_file(${EXAMPLE} ${dir}/${name} COPYONLY)
  file(WRITE ${dir}/compile_commands.json "[{\"directory\": \"${dir}\", \"file\": \"${dir}/${name}\", \"arguments\": [\"c++\", \"-std=c++20\", \"-I\", \"${usr}/include\", \"-c\", \"${dir}/${name}\"]}]\n")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=ND_DOCS_URL
                          ${usr}/bin/nd-tidy -p ${dir} --checks=-*,nd-* --sarif=${dir}/out.sarif
                          ${dir}/${name}
                  OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE status)
  if(NOT EXISTS ${dir}/out.sarif)
    message(FATAL_ERROR "the unpacked nd-tidy wrote no SARIF (exit status ${status}):\n${log}")
  endif()
  file(READ ${dir}/out.sarif sarif)
  string(REGEX MATCHALL "\"helpUri\": *\"file://[^\"]*\"" uris "${sarif}")
  if(NOT uris)
    message(FATAL_ERROR "no nd rule with a file:// helpUri in ${dir}/out.sarif")
  endif()
  foreach(uri ${uris})
    string(REGEX REPLACE "^.*\"file://([^\"]*)\"$" "\\1" page "${uri}")
    string(FIND "${page}" "${usr}/share/doc/nd/checks/nd-" at)
    if(NOT at EQUAL 0 OR NOT EXISTS ${page})
      message(FATAL_ERROR "nd-tidy's help page ${page} is not an unpacked check page")
    endif()
  endforeach()
  message(STATUS "the unpacked nd-tidy links its rules to ${usr}/share/doc/nd/checks/")
endfunction()

set(field_expected_Package ${PACKAGE})
set(field_expected_Version ${VERSION})
build_package(deb)
check_control(${deb})

set(root ${WORK_DIR}/root)
file(REMOVE_RECURSE ${root})
execute_process(COMMAND ${DPKG_DEB} -x ${deb} ${root} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dpkg-deb -x ${deb} ${root} failed (${status})")
endif()
string(REPLACE "|" ";" expect_files "${EXPECT_FILES}")
foreach(file ${expect_files})
  if(NOT EXISTS ${root}/usr/${file})
    message(FATAL_ERROR "not in the package: usr/${file}")
  endif()
endforeach()
foreach(tool nd-tidy nd-clangd)
  if(NOT EXISTS ${root}/usr/bin/${tool})
    continue()  # not built in this tree (EXPECT_FILES names what must be there)
  endif()
  execute_process(COMMAND ${root}/usr/bin/${tool} --version
                  OUTPUT_VARIABLE log ERROR_VARIABLE log RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "the unpacked ${tool} does not run (${status}):\n${log}")
  endif()
endforeach()
check_docs_links(${root}/usr)
message(STATUS "unpacked into ${root}")
