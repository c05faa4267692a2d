/** Responses thrown from loaders and actions; the error boundary renders them in the person's language. */
export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}
export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}
export function badRequest(): Response {
  return new Response("Bad Request", { status: 400 });
}
