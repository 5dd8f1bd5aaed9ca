# reskflow_embed_migrations(target MODULE name DIR dir): compiles every dir/*.sql into the target
# as a sorted table of reskflow::store::EmbeddedFile {name, text}, reachable through the function
# `std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_<name>()`.
function(reskflow_embed_migrations target)
  cmake_parse_arguments(E "" "MODULE;DIR" "" ${ARGN})
  file(GLOB sql_files CONFIGURE_DEPENDS "${E_DIR}/*.sql")
  list(SORT sql_files)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_MODULE}_migrations.cc")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DMODULE=${E_MODULE} "-DFILES=${sql_files}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake"
    DEPENDS ${sql_files} "${PROJECT_SOURCE_DIR}/cmake/embed_script.cmake"
    COMMENT "Embedding ${E_MODULE} migrations"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
