import { Component, lazy, Suspense, useMemo, useState, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A part of the board whose code loads when first shown (a view, the note panel, the facilitator
 * controls). If it cannot load — offline, on a weak signal — the rest of the board keeps working
 * and the part says so, with "Try again" (a new attempt, not React's cached failure).
 * `load` must be a stable (module-level) function.
 */
export function LazyPart<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  // (React's types for lazy() add ref props that our function components do not take.)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new lazy component per attempt; `load` is module-level
  const Part = useMemo(() => lazy(() => load().then((c) => ({ default: c }))) as unknown as ComponentType<P>, [attempt]);
  return (
    <PartBoundary key={attempt} message={t("board.partFailed")} retry={t("board.retry")} onRetry={() => setAttempt((a) => a + 1)}>
      <Suspense fallback={<p role="status">{t("board.loading")}</p>}>
        <Part {...props} />
      </Suspense>
    </PartBoundary>
  );
}

type BoundaryProps = { message: string; retry: string; onRetry(): void; children: ReactNode };

class PartBoundary extends Component<BoundaryProps, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="card notice board-part-failed" role="alert">
        <p>{this.props.message}</p>
        <button type="button" className="button" onClick={this.props.onRetry}>
          {this.props.retry}
        </button>
      </div>
    );
  }
}
