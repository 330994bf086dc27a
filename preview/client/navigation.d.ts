/** Types of the preview's lightning/navigation (navigation.js) for its node tests. */
export function stateQuery(state: Record<string, unknown> | null | undefined): string;
export function currentPageReference(): {
  type: string;
  attributes: { apiName: string };
  state: Record<string, string>;
};
