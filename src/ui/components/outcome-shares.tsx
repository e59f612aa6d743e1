import { Text } from 'ink';
import { OUTCOMES, type Outcome } from '../../sessions/queries.js';
import { formatCount, formatPercent } from '../../format/values.js';
import { OutcomeLabel } from './outcome-label.js';

/** "booked 7,998 (46%)  looked ...": each outcome's sessions and share, in its colour and by name. */
export function OutcomeShares({ outcomes }: { outcomes: Record<Outcome, number> }) {
  const total = OUTCOMES.reduce((sum, o) => sum + outcomes[o], 0);
  const ordered = [...OUTCOMES].reverse();
  return (
    <Text>
      {'Outcomes: '}
      {ordered.map((o, i) => (
        <Text key={o}>
          {i > 0 ? '   ' : ''}
          <OutcomeLabel outcome={o} />
          {` ${formatCount(outcomes[o])} (${total ? formatPercent(outcomes[o] / total) : '-'})`}
        </Text>
      ))}
    </Text>
  );
}
