import { Badge, type MantineColor } from '@mantine/core';
import {
  TOKEN_FLAG_LABELS,
  TOKEN_FLAG_SHORT_LABELS,
  TOKEN_STATE_LABELS,
  type TokenFlag,
  type TokenState,
} from '../model/tokenStatus.ts';

const STATE_COLORS: Record<TokenState, MantineColor> = {
  active: 'green',
  pending: 'orange',
  expired: 'red',
  revoked: 'gray',
};

const FLAG_COLORS: Record<TokenFlag, MantineColor> = {
  expired: 'red',
  expires_within_7_days: 'red',
  expires_within_30_days: 'orange',
  unused_90_days: 'gray',
};

export function TokenStateBadge({ state }: { state: TokenState }) {
  return (
    <Badge variant="light" color={STATE_COLORS[state]} tt="none">
      {TOKEN_STATE_LABELS[state]}
    </Badge>
  );
}

export function TokenFlagBadge({ flag }: { flag: TokenFlag }) {
  return (
    // Yellow is avoided: its text fails the 4.5:1 contrast ratio. The expired flag is filled to stand apart.
    <Badge
      variant={flag === 'expired' ? 'filled' : 'outline'}
      color={FLAG_COLORS[flag]}
      tt="none"
      size="sm"
      title={TOKEN_FLAG_LABELS[flag]}
    >
      {TOKEN_FLAG_SHORT_LABELS[flag]}
    </Badge>
  );
}
