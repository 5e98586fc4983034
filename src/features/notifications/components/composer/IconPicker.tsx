import { Group, Radio } from '@mantine/core';
import {
  ACCOUNT_NOTIFICATION_ICONS,
  AccountNotificationIcon,
} from '../../../../api/schemas/accountNotification.ts';
import { NOTIFICATION_ICON_STYLES } from '../notificationIcons.ts';

export interface IconPickerProps {
  value: AccountNotificationIcon;
  onChange: (icon: AccountNotificationIcon) => void;
  error?: string;
}

/** The banner's icon: Canvas's five, each shown as it will look. */
export function IconPicker({ value, onChange, error }: IconPickerProps) {
  return (
    <Radio.Group
      label="Icon"
      value={value}
      onChange={(next) => {
        const parsed = AccountNotificationIcon.safeParse(next);
        if (parsed.success) onChange(parsed.data);
      }}
      error={error}
    >
      <Group gap="md" mt={6}>
        {ACCOUNT_NOTIFICATION_ICONS.map((icon) => {
          const style = NOTIFICATION_ICON_STYLES[icon];
          const IconComponent = style.icon;
          return (
            <Radio
              key={icon}
              value={icon}
              label={
                <Group gap={4} wrap="nowrap" component="span">
                  <IconComponent size={18} color={`var(--mantine-color-${style.color}-filled)`} aria-hidden />
                  {style.label}
                </Group>
              }
            />
          );
        })}
      </Group>
    </Radio.Group>
  );
}
