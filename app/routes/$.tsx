import { notFound } from "~/http/http-errors.server";

/** Any unknown URL: the root error boundary renders a 404 in the person's language. */
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
