import { useForm } from "@conform-to/react";

/**
 * conform's useForm, subscribed to every field's errors. conform re-renders only for the
 * metadata read while the owning component renders; our field components read errors in
 * their own render, so without this an all-empty submit updated no visible state.
 */
export function useValidatedForm<Schema extends Record<string, unknown>>(options: Parameters<typeof useForm<Schema>>[0]) {
  const result = useForm<Schema>(options);
  void result[0].allErrors;
  return result;
}
