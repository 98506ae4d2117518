/**
 * Number mode: splits a drawing of several digits in one row into one group of strokes per digit,
 * left to right, so each group goes through the same `vector` grid as a single digit. Works on the
 * strokes (kept as data, in drawing order), not on pixels, in two passes: strokes that could be a
 * digit alone (tall, reaching the baseline) group by touching ink or by lying well inside a
 * digit's columns, and a group that is two digits written one after the other (touching ink
 * joined them) is split; then the parts of digits (a 4's first stroke, a 5's flag, a 7's bar, a
 * dot) join the digit drawn just before or after them. Last, while the drawing has fewer groups
 * than digits allowed, a stroke that is two digits written without lifting the pen ("00") is cut
 * where the pen passed once from one to the other. Measured on composed numbers of real pen
 * data: `node --import tsx src/training/evaluate-numbers.ts`.
 */
import { strokeBounds, type StrokeBounds, type VectorPoint, type VectorStroke } from './vector-grid.ts';

/** A digit's place on the canvas: the box around its strokes' centre lines, in canvas pixels. */
export interface DigitBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One digit's strokes (in drawing order) and its box. */
export interface DigitGroup<S extends VectorStroke = VectorStroke> {
  readonly strokes: S[];
  readonly box: DigitBox;
}

/**
 * Ink closer than this share of the row's height counts as touching: pen strokes that meet
 * rarely land exactly on each other, but neighbouring digits' ink stays further apart.
 */
const TOUCH = 0.06;
/** A stroke shorter than this share of the row's height is part of a digit, not a digit (a 4's first half, a flag). */
const PARTIAL = 0.4;
/** A stroke ending higher than this share of the row's height above the baseline near it is part of a digit too. */
const ABOVE_BASELINE = 0.15;
/** Strokes smaller than this share of the row's height are dots and specks. */
const SPECK = 0.15;
/** A run of short strokes joins the digit drawn just before or after it if no further than this share of the row's height away (a 4's bar may stop short of its stem). */
const NEAR = 0.1;
/** A short stroke flatter than this share of its width is a flag or a bar, never a digit (a 5's flag may stand apart)… */
const FLAT = 0.35;
/** …and, like a part ending above the baseline, joins the digit drawn next to it in time if no further than this share of the row's height. */
const FLAG_GAP = 0.5;
/** A stroke at least this share of whose columns lie inside a digit's columns may belong to it… */
const COVERED = 0.6;
/** …if its centre also lies this share of the digit's width away from the digit's sides. */
const INNER_MARGIN = 0.15;
/** A group is split in two only where each run is at least this share of its height. */
const SPLIT_HEIGHT = 0.4;
/** A stroke is cut in two digits only where each half is at least this share of its height… */
const CUT_HEIGHT = 0.6;
/** …and goes up and down (its path climbs and falls this many times the stroke's height, or more): a 0's loop, a 1 with the pen's way up to the next, not an open 0's side or a lead-in line. */
const CUT_TRAVEL = 1.3;
/** The cut goes where the least ink lies within this share of the stroke's height either side of the column (between the digits, only the pen's way from one to the other). */
const CUT_BAND = 0.1;
/** Columns tried for the cut, evenly across the middle of the stroke's width (a fifth kept clear at each side). */
const CUT_COLUMNS = 24;

interface Group<S> {
  strokes: S[];
  bounds: StrokeBounds;
}

/**
 * The digit groups of `strokes`, left to right by their boxes' centres. Tall strokes (a 1, a 0,
 * a 4's stem) are grouped first, by touching ink or by lying inside a digit's columns; then each
 * short stroke (a 4's first half, a 5's flag, a 7's bar, a dot) joins the digit whose ink it
 * touches, else the nearer of the digits drawn just before and just after it. Then, while there
 * are fewer groups than `maxDigits`, a stroke that is two digits joined by one pass of the pen
 * is cut there (twoDigitStroke). Empty strokes are ignored; no points give no groups. Pure: the
 * strokes are referenced, never changed; a cut stroke's halves are new strokes (its other fields
 * copied, the point where it was cut in both).
 */
export function segmentDigits<S extends VectorStroke>(strokes: readonly S[], options: SegmentOptions = {}): DigitGroup<S>[] {
  const maxDigits = options.maxDigits ?? Infinity;
  let pieces: readonly S[] = strokes;
  let groups = groupStrokes(pieces);
  // A stroke that is two digits written without lifting the pen ("00", "11" in one go) is cut
  // where the pen passed once from one to the other, while `maxDigits` leaves room for a digit
  // more and the halves then come apart as two digits; else the stroke stays whole.
  const tried = new Set<S>();
  while (groups.length < maxDigits) {
    const cut = twoDigitStroke(groups, tried);
    if (!cut) break;
    tried.add(cut.stroke);
    const index = pieces.indexOf(cut.stroke);
    const split = [...pieces.slice(0, index), ...cut.halves, ...pieces.slice(index + 1)];
    const regrouped = groupStrokes(split);
    if (regrouped.length !== groups.length + 1) continue;
    [pieces, groups] = [split, regrouped];
  }
  return groups;
}

/** How `segmentDigits` may read a drawing. */
export interface SegmentOptions {
  /** The most digits the drawing may hold (`digits`): a stroke is cut in two only while there are fewer groups. Default: no limit. */
  readonly maxDigits?: number;
}

/** The strokes grouped into digits (the two passes; see `segmentDigits`). */
function groupStrokes<S extends VectorStroke>(strokes: readonly S[]): DigitGroup<S>[] {
  const drawn = strokes.filter((stroke) => stroke.points.length > 0).map((stroke) => ({ stroke, bounds: strokeBounds([stroke])! }));
  const all = strokeBounds(drawn.map(({ stroke }) => stroke));
  if (!all) return [];
  const rowHeight = Math.max(all.maxY - all.minY, 1);
  const reach = TOUCH * rowHeight;
  // Tall: a stroke that could be a digit alone, as tall as a digit and reaching the baseline
  // there (the lowest ink within a row height either side); a 4's first half ends above it.
  const floats = (bounds: StrokeBounds) => {
    const centre = (bounds.minX + bounds.maxX) / 2;
    let baseline = bounds.maxY;
    for (const other of drawn) if (Math.abs((other.bounds.minX + other.bounds.maxX) / 2 - centre) <= rowHeight) baseline = Math.max(baseline, other.bounds.maxY);
    return baseline - bounds.maxY > ABOVE_BASELINE * rowHeight;
  };
  const isTall = ({ bounds }: { bounds: StrokeBounds }) => bounds.maxY - bounds.minY >= PARTIAL * rowHeight && !floats(bounds);
  // With nothing tall (a row of dashes), every stroke stands for itself.
  const anyTall = drawn.some(isTall);
  const groups: Group<S>[] = [];
  /** The group of each drawn stroke, by drawing order; short strokes get theirs in the second pass. */
  const homes: (Group<S> | undefined)[] = [];
  for (const { stroke, bounds } of drawn) {
    if (anyTall && !isTall({ bounds })) {
      homes.push(undefined);
      continue;
    }
    let home = touchingGroup(stroke, groups, reach) ?? groups.find((group) => liesInside(bounds, group.bounds));
    if (home) add(home, stroke, bounds);
    else groups.push((home = { strokes: [stroke], bounds }));
    homes.push(home);
  }
  const final = groups.flatMap((group) => splitTwoDigits(group));
  // Second pass: runs of consecutive short strokes sharing columns (a 4's first half, both loops
  // of an 8 drawn small), each joined to the digit drawn just before or after it that shares the
  // most of its columns, or a flag's digit, or the digit it touches, or else a digit of its own.
  const groupOf = (i: number) => (homes[i] ? final.find((group) => group.strokes.includes(drawn[i]!.stroke)) : undefined);
  for (let i = 0; i < drawn.length; i++) {
    if (homes[i]) continue;
    let end = i + 1;
    while (end < drawn.length && !homes[end] && overlap(drawn[end]!.bounds, drawn[end - 1]!.bounds) >= 0) end++;
    const run = drawn.slice(i, end);
    const bounds = strokeBounds(run.map(({ stroke }) => stroke))!;
    const candidates = [groupOf(i - 1), groupOf(end)].filter((group): group is Group<S> => group !== undefined);
    const width = bounds.maxX - bounds.minX;
    // A dot or speck is never a digit: it goes with the digit drawn next to it in time.
    const speck = Math.max(width, bounds.maxY - bounds.minY) < SPECK * rowHeight;
    // A run as tall as a digit (an 8 of two loops) only joins a digit it shares columns with.
    const tallRun = isTall({ bounds });
    let home = bestCoverage(candidates, bounds, speck ? Infinity : tallRun ? 0 : NEAR * rowHeight);
    // A flag or bar, or a part that ends above the baseline (a 4's first stroke, whose bar may stop
    // well short of the stem), is never a digit alone: it joins the nearer digit drawn next to it.
    const flat = bounds.maxY - bounds.minY < FLAT * width;
    if (!home && (flat || floats(bounds))) home = nearestWithin(candidates, bounds, FLAG_GAP * rowHeight);
    if (!tallRun) home ??= final.find((group) => run.some(({ stroke }) => inkDistance([stroke], group.strokes, reach) <= reach));
    if (!home) final.push((home = { strokes: [], bounds }));
    for (const { stroke, bounds: own } of run) add(home, stroke, own);
    for (let j = i; j < end; j++) homes[j] = home;
    i = end - 1;
  }
  return final
    .sort((a, b) => a.bounds.minX + a.bounds.maxX - (b.bounds.minX + b.bounds.maxX))
    .map(({ strokes: members, bounds }) => ({ strokes: drawingOrder(members, strokes), box: toBox(bounds) }));
}

/** The group whose ink `stroke` touches (within `reach`), the nearest if several. */
function touchingGroup<S extends VectorStroke>(stroke: S, groups: readonly Group<S>[], reach: number): Group<S> | undefined {
  let touching: Group<S> | undefined;
  let best = Infinity;
  for (const group of groups) {
    const distance = inkDistance([stroke], group.strokes, reach);
    if (distance <= reach && distance < best) [touching, best] = [group, distance];
  }
  return touching;
}

/** Of `groups`, the one with the smallest horizontal gap to `bounds`, if it is at most `reach`. */
function nearestWithin<S>(groups: readonly Group<S>[], bounds: StrokeBounds, reach: number): Group<S> | undefined {
  let best: Group<S> | undefined;
  for (const group of groups) if (gap(group.bounds, bounds) <= reach && (!best || gap(group.bounds, bounds) < gap(best.bounds, bounds))) best = group;
  return best;
}

/** Shared columns of two boxes (negative: the gap between them). */
function overlap(a: StrokeBounds, b: StrokeBounds): number {
  return Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
}

function gap(a: StrokeBounds, b: StrokeBounds): number {
  return -overlap(a, b);
}

/**
 * The group sharing the largest share of the narrower one's columns with `bounds`; when none
 * shares any, the nearest within `reach`.
 */
function bestCoverage<S>(groups: readonly Group<S>[], bounds: StrokeBounds, reach: number): Group<S> | undefined {
  let best: Group<S> | undefined;
  let bestShare = -Infinity;
  for (const group of groups) {
    const narrower = Math.max(Math.min(group.bounds.maxX - group.bounds.minX, bounds.maxX - bounds.minX), 1e-9);
    const shared = overlap(group.bounds, bounds);
    const share = shared > 0 ? shared / narrower : shared - 1e9;
    if (share > bestShare && (shared > 0 || shared >= -reach)) [best, bestShare] = [group, share];
  }
  return best;
}

function drawingOrder<S>(members: readonly S[], strokes: readonly S[]): S[] {
  return strokes.filter((stroke) => members.includes(stroke));
}

/** True when the narrower of two boxes lies mostly within the other's columns, away from its sides. */
function liesInside(a: StrokeBounds, b: StrokeBounds): boolean {
  const overlap = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
  const [narrow, wide] = a.maxX - a.minX <= b.maxX - b.minX ? [a, b] : [b, a];
  const narrowWidth = Math.max(narrow.maxX - narrow.minX, 1e-9);
  const wideWidth = wide.maxX - wide.minX;
  const centre = (narrow.minX + narrow.maxX) / 2;
  return overlap / narrowWidth >= COVERED && centre >= wide.minX + INNER_MARGIN * wideWidth && centre <= wide.maxX - INNER_MARGIN * wideWidth;
}

/**
 * A group of several strokes that is two digits side by side (touching ink joined them): its
 * strokes, in drawing order, fall into a first and a second run, each tall, neither lying well
 * inside the other's columns. Digits are written one after the other, so only a split in drawing
 * order counts; a 4's stem lies inside its first stroke's columns and is never split off.
 */
function splitTwoDigits<S extends VectorStroke>(group: Group<S>): Group<S>[] {
  const { strokes, bounds } = group;
  for (let cut = 1; cut < strokes.length; cut++) {
    const a = strokeBounds(strokes.slice(0, cut))!;
    const b = strokeBounds(strokes.slice(cut))!;
    const tall = Math.min(a.maxY - a.minY, b.maxY - b.minY) >= SPLIT_HEIGHT * (bounds.maxY - bounds.minY);
    if (tall && !liesInside(a, b)) {
      return [...splitTwoDigits({ strokes: strokes.slice(0, cut), bounds: a }), ...splitTwoDigits({ strokes: strokes.slice(cut), bounds: b })];
    }
  }
  return [group];
}

function add<S extends VectorStroke>(group: Group<S>, stroke: S, bounds: StrokeBounds): void {
  group.strokes.push(stroke);
  const b = group.bounds;
  group.bounds = {
    minX: Math.min(b.minX, bounds.minX),
    minY: Math.min(b.minY, bounds.minY),
    maxX: Math.max(b.maxX, bounds.maxX),
    maxY: Math.max(b.maxY, bounds.maxY),
  };
}

function toBox({ minX, minY, maxX, maxY }: StrokeBounds): DigitBox {
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The shortest distance between the centre lines of two sets of strokes when it is at most
 * `reach`, else Infinity (or any value above `reach`): pairs of segments whose boxes are further
 * apart than `reach` are skipped, which keeps a long number fast.
 */
function inkDistance(a: readonly VectorStroke[], b: readonly VectorStroke[], reach: number): number {
  let best = Infinity;
  for (const s of a) {
    const sb = strokeBounds([s])!;
    for (const t of b) {
      const tb = strokeBounds([t])!;
      if (sb.minX - tb.maxX > reach || tb.minX - sb.maxX > reach || sb.minY - tb.maxY > reach || tb.minY - sb.maxY > reach) continue;
      const p = s.points;
      const q = t.points;
      for (let i = 0; i < Math.max(1, p.length - 1); i++) {
        const p0 = p[i]!;
        const p1 = p[Math.min(i + 1, p.length - 1)]!;
        for (let j = 0; j < Math.max(1, q.length - 1); j++) {
          const q0 = q[j]!;
          const q1 = q[Math.min(j + 1, q.length - 1)]!;
          if (Math.min(p0.x, p1.x) - Math.max(q0.x, q1.x) > reach || Math.min(q0.x, q1.x) - Math.max(p0.x, p1.x) > reach) continue;
          if (Math.min(p0.y, p1.y) - Math.max(q0.y, q1.y) > reach || Math.min(q0.y, q1.y) - Math.max(p0.y, p1.y) > reach) continue;
          const d = segmentDistance(p0, p1, q0, q1);
          if (d < best) best = d;
          if (best === 0) return 0;
        }
      }
    }
  }
  return best;
}

type P = { readonly x: number; readonly y: number };

function segmentDistance(a: P, b: P, c: P, d: P): number {
  if (crosses(a, b, c, d)) return 0;
  return Math.sqrt(Math.min(pointSegmentSq(a, c, d), pointSegmentSq(b, c, d), pointSegmentSq(c, a, b), pointSegmentSq(d, a, b)));
}

function crosses(a: P, b: P, c: P, d: P): boolean {
  const side = (p: P, q: P, r: P) => (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  const d1 = side(c, d, a);
  const d2 = side(c, d, b);
  const d3 = side(a, b, c);
  const d4 = side(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function pointSegmentSq(p: P, a: P, b: P): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSq : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = a.x + t * dx - p.x;
  const ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

/** A stroke that reads as two digits, and its halves. */
interface StrokeCut<S> {
  readonly stroke: S;
  readonly halves: readonly [S, S];
}

/**
 * Of the groups' strokes not tried yet (`tried` gains those that do not cut), the one that is
 * most clearly two digits written in one go: a column of the stroke's middle that its path crosses exactly once, so the
 * ink left of it was drawn before the pass and the ink right of it after (or the other way), with
 * each half as tall as a digit (CUT_HEIGHT) and going up and down (CUT_TRAVEL: a loop, a stem and
 * the pen's way up to the next digit), as a 0 or a 1 does and an open 0's side or a 1's lead-in
 * does not. A lone digit's middle is mostly crossed more than once (a 0's top and bottom, a 7's
 * bar and stem, a 2's arc, diagonal and base). Of several, the stroke whose group is widest for
 * its height; cut at the column with the least ink near it, the middlemost of equals. Tuned on the training
 * writers' digits: none of 6,116 lone digits is cut, and 69% of 1,340 pairs of one-stroke digits
 * joined by the pen are, each where the pen passed between them.
 */
function twoDigitStroke<S extends VectorStroke>(groups: readonly DigitGroup<S>[], tried: Set<S>): StrokeCut<S> | undefined {
  let best: { cut: StrokeCut<S>; score: number } | undefined;
  for (const { strokes, box } of groups) {
    for (const stroke of strokes) {
      if (tried.has(stroke)) continue;
      const halves = cutStroke(stroke);
      // A stroke that does not cut never will: it is not looked at again.
      if (!halves) tried.add(stroke);
      const score = box.width / Math.max(box.height, 1e-9);
      if (halves && (!best || score > best.score)) best = { cut: { stroke, halves }, score };
    }
  }
  return best?.cut;
}

/** The two halves of `stroke` if it is two digits joined by one pass of the pen (see twoDigitStroke). */
function cutStroke<S extends VectorStroke>(stroke: S): [S, S] | undefined {
  const points = stroke.points;
  const bounds = strokeBounds([stroke]);
  if (!bounds || points.length < 4) return undefined;
  const width = bounds.maxX - bounds.minX;
  const height = bounds.maxY - bounds.minY;
  const candidates: { at: number; ink: number; offCentre: number }[] = [];
  for (let k = 0; k <= CUT_COLUMNS; k++) {
    const column = bounds.minX + width * (0.2 + (0.6 * k) / CUT_COLUMNS);
    let crossing = -1;
    let crossings = 0;
    for (let i = 1; i < points.length && crossings < 2; i++) {
      if (points[i - 1]!.x < column !== points[i]!.x < column) [crossing, crossings] = [i, crossings + 1];
    }
    if (crossings !== 1) continue;
    // The halves share the point nearer the column, so the ink stays one line.
    const at = Math.abs(points[crossing - 1]!.x - column) <= Math.abs(points[crossing]!.x - column) ? crossing - 1 : crossing;
    const first = points.slice(0, at + 1);
    const second = points.slice(at);
    if (Math.min(extent(first), extent(second)) < CUT_HEIGHT * height) continue;
    if (Math.min(verticalTravel(first), verticalTravel(second)) < CUT_TRAVEL * height) continue;
    candidates.push({ at, ink: inkNear(points, column, CUT_BAND * height), offCentre: Math.abs(k - CUT_COLUMNS / 2) });
  }
  if (candidates.length === 0) return undefined;
  // The least ink (a tenth more counts as as little: a straight pen's way holds about the same
  // ink at every column), then the column nearest the stroke's middle.
  const least = Math.min(...candidates.map(({ ink }) => ink));
  const best = candidates.filter(({ ink }) => ink <= least * 1.1).sort((a, b) => a.offCentre - b.offCentre)[0]!;
  return [
    { ...stroke, points: points.slice(0, best.at + 1) },
    { ...stroke, points: points.slice(best.at) },
  ];
}

function extent(points: readonly VectorPoint[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const { y } of points) [min, max] = [Math.min(min, y), Math.max(max, y)];
  return max - min;
}

/** The length of the path within `band` of `column` either side (segments counted by their middles). */
function inkNear(points: readonly VectorPoint[], column: number, band: number): number {
  let ink = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    if (Math.abs((a.x + b.x) / 2 - column) <= band) ink += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return ink;
}

/** How far the path moves up and down in all. */
function verticalTravel(points: readonly VectorPoint[]): number {
  let travel = 0;
  for (let i = 1; i < points.length; i++) travel += Math.abs(points[i]!.y - points[i - 1]!.y);
  return travel;
}
