const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** Time left in the period as a draining ring; purely visual (the row's label says the seconds). */
export function TimeRing(props: { progress: number; urgent: boolean }) {
  return (
    <svg class={props.urgent ? 'ring urgent' : 'ring'} viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
      <circle class="ring-track" cx="12" cy="12" r={RADIUS} />
      <circle
        class="ring-fill"
        cx="12"
        cy="12"
        r={RADIUS}
        stroke-dasharray={CIRCUMFERENCE}
        stroke-dashoffset={CIRCUMFERENCE * props.progress}
        transform="rotate(-90 12 12)"
      />
    </svg>
  );
}
