import { useEffect, useRef, useState } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Core } from "cytoscape";
import { sectorColour } from "./sector";

export type GraphNode = { id: string; label: string; sector: string; ties: number };
export type GraphEdge = { id: string; source: string; target: string; strength: number; suggested: boolean };

/**
 * The relationship network, drawn by Cytoscape.js. The library is imported in an effect, so it
 * loads in the browser only and only on this page; the server renders the frame and a message.
 */
export function NetworkGraph({ nodes, edges, localityId }: { nodes: GraphNode[]; edges: GraphEdge[]; localityId: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const [showSuggested, setShowSuggested] = useState(false);
  const [selected, setSelected] = useState<GraphNode | null>(null);

  useEffect(() => {
    let cancelled = false;
    import("cytoscape")
      .then(({ default: cytoscape }) => {
        if (cancelled || !container.current) return;
        const maxTies = Math.max(1, ...nodes.map((n) => n.ties));
        const colours = new Map<string, string>();
        const colourOf = (sector: string) => {
          if (!colours.has(sector)) colours.set(sector, sectorColour(sector, container.current ?? document.documentElement));
          return colours.get(sector)!;
        };
        markCytoscapeStylesheetInPlace();
        const cy = cytoscape({
          container: container.current,
          elements: [
            ...nodes.map((n) => ({ data: { id: n.id, label: n.label, colour: colourOf(n.sector), size: 18 + Math.round((n.ties / maxTies) * 34) } })),
            ...edges.map((e) => ({
              data: { id: e.id, source: e.source, target: e.target, width: e.strength === 3 ? 4 : e.strength === 2 ? 2.5 : 1.2 },
              classes: e.suggested ? "suggested" : "",
            })),
          ],
          style: [
            {
              selector: "node",
              style: {
                "background-color": "data(colour)",
                width: "data(size)",
                height: "data(size)",
                label: "data(label)",
                "font-size": 10,
                color: "#1a1a1a",
                "text-valign": "bottom",
                "text-margin-y": 3,
                "text-outline-color": "#ffffff",
                "text-outline-width": 2,
                "border-width": 1,
                "border-color": "#ffffff",
              },
            },
            { selector: "node:selected", style: { "border-width": 4, "border-color": "#111111" } },
            { selector: "edge", style: { width: "data(width)", "line-color": "#7a7a7a", "curve-style": "haystack", opacity: 0.8 } },
            { selector: "edge.suggested", style: { "line-style": "dashed", "line-color": "#9a9a9a", display: "none" } },
            { selector: ".faded", style: { opacity: 0.15 } },
          ],
          // Random start positions (all nodes start at one point otherwise) and a bounded number of
          // iterations, so the layout stays quick on a phone.
          layout: { name: "cose", animate: false, randomize: true, numIter: 400, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, padding: 24 },
          minZoom: 0.3,
          maxZoom: 3,
        });
        cy.on("tap", "node", (event) => {
          const id = event.target.id() as string;
          setSelected(nodes.find((n) => n.id === id) ?? null);
          const hood = event.target.closedNeighborhood();
          cy.elements().addClass("faded");
          hood.removeClass("faded");
        });
        cy.on("tap", (event) => {
          if (event.target === cy) {
            setSelected(null);
            cy.elements().removeClass("faded");
          }
        });
        cyRef.current = cy;
        setState("ready");
      })
      .catch(() => {
        if (!cancelled) setState("failed");
      });
    return () => {
      cancelled = true;
      cyRef.current?.destroy();
      cyRef.current = null;
    };
  }, [nodes, edges]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `state` changes when the graph is rebuilt; the style is set again then
  useEffect(() => {
    cyRef.current
      ?.style()
      .selector("edge.suggested")
      .style("display", showSuggested ? "element" : "none")
      .update();
  }, [showSuggested, state]);

  const hasSuggested = edges.some((e) => e.suggested);
  return (
    <div className="network">
      {hasSuggested ? (
        <label className="checkbox">
          <input type="checkbox" checked={showSuggested} onChange={(e) => setShowSuggested(e.target.checked)} />
          <span>{t("relationships.map.showSuggested")}</span>
        </label>
      ) : null}
      <div
        ref={container}
        className="network-canvas"
        role="img"
        aria-label={t("relationships.map.graphLabel", { people: nodes.length, ties: edges.filter((e) => !e.suggested).length })}
        data-state={state}
      />
      {state === "loading" ? <p className="muted">{t("relationships.map.graphLoading")}</p> : null}
      {state === "failed" ? <p className="notice">{t("relationships.map.graphFailed")}</p> : null}
      <p aria-live="polite" className="network-selected">
        {selected ? (
          <>
            <span dir="auto">{t("relationships.map.selected", { name: selected.label })}</span>{" "}
            <Link to={`/l/${localityId}/people/${selected.id}`}>{t("relationships.map.openProfile")}</Link>
          </>
        ) : null}
      </p>
    </div>
  );
}

/**
 * Cytoscape adds an inline <style> for its container (position: relative) unless an element with
 * its stylesheet's id is already in the document. The Content-Security-Policy (style-src 'self')
 * would block that style and log an error; people.css holds the rule instead (.network-canvas).
 */
function markCytoscapeStylesheetInPlace(): void {
  const id = "__________cytoscape_stylesheet";
  if (document.getElementById(id)) return;
  const marker = document.createElement("meta");
  marker.id = id;
  document.head.append(marker);
}
