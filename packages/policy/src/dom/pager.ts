/**
 * "Page 1 of 3" / "Page 1 sur 3", or "Showing 1 to 10 of 25 entries" / "Affichage de 1 à 10 sur 25": the table
 * shows only some of the users.
 */
export function pagerPosition(doc: Document): { number: number; count: number } | undefined {
  const text = (doc.body?.textContent ?? '').replace(/\s+/g, ' ');
  const match = /\bpage\s*(\d{1,4})\s*(?:of|sur|\/)\s*(\d{1,4})\b/i.exec(text);
  let number = Number(match?.[1]);
  let count = Number(match?.[2]);
  if (!match) {
    const range =
      /\b(?:showing|affichage(?: de l.élément| des éléments)?(?: de)?)\s*(\d{1,5})\s*(?:to|-|–|à)\s*(\d{1,5})\s*(?:of|sur)\s*(\d{1,5})\b/i.exec(
        text,
      );
    const first = Number(range?.[1]);
    const last = Number(range?.[2]);
    const total = Number(range?.[3]);
    const size = last - first + 1;
    if (range && first >= 1 && size >= 1 && total > last && (first - 1) % size === 0) {
      number = (first - 1) / size + 1;
      count = Math.ceil(total / size);
    } else if (range && first >= 1 && last < total) {
      // A last page shorter than the others: its position cannot be told, only that others exist.
      return undefined;
    }
  }
  return count > 1 && number >= 1 && number <= count ? { number, count } : undefined;
}
