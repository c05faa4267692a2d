// Prisma's query compiler runtimes (loaded by the generated clients; app/data/query-plan-cache.server.ts).
declare module "@prisma/client/runtime/query_compiler_bg.sqlite.mjs" {
  export const QueryCompiler: import("./query-plan-cache.server").QueryCompilerClass;
}
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export const QueryCompiler: import("./query-plan-cache.server").QueryCompilerClass;
}
