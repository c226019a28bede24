# claimcheck_glob_library(NAME n DIR d DEPS ...): a static library
# `claimcheck_<n>` from every .cc in `d` except *_test.cc and *_main.cc.
function(claimcheck_glob_library)
  cmake_parse_arguments(A "" "NAME;DIR" "DEPS" ${ARGN})
  file(GLOB _srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${A_DIR}/*.cc)
  list(FILTER _srcs EXCLUDE REGEX "(_test|_main)\\.cc$")
  add_library(claimcheck_${A_NAME} STATIC ${_srcs})
  target_include_directories(claimcheck_${A_NAME} PUBLIC ${CMAKE_SOURCE_DIR})
  target_link_libraries(claimcheck_${A_NAME} PUBLIC ${A_DEPS})
endfunction()

# claimcheck_glob_tests(DIR d DEPS ... [NEEDS targets...]): one GoogleTest
# executable per `d/*_test.cc`, registered with ctest, labelled with the
# folder name. NEEDS: executables the tests run, built first.
function(claimcheck_glob_tests)
  cmake_parse_arguments(A "" "DIR" "DEPS;NEEDS" ${ARGN})
  file(GLOB _tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${A_DIR}/*_test.cc)
  foreach(_t ${_tests})
    get_filename_component(_name ${_t} NAME_WE)
    add_executable(${_name} ${_t})
    target_link_libraries(${_name} PRIVATE ${A_DEPS} GTest::gmock GTest::gtest_main)
    target_compile_definitions(${_name} PRIVATE
      CLAIMCHECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
      CLAIMCHECK_BINARY_DIR="${CMAKE_BINARY_DIR}")
    if(A_NEEDS)
      add_dependencies(${_name} ${A_NEEDS})
    endif()
    gtest_discover_tests(${_name} PROPERTIES LABELS ${A_DIR} DISCOVERY_TIMEOUT 60)
  endforeach()
endfunction()
