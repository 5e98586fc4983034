import { Center, Loader } from '@mantine/core';

/** The whole-window placeholder while the first page's code loads. */
export function AppLoading() {
  return (
    <Center h="100dvh">
      <Loader aria-label="Loading Canvas Admin" />
    </Center>
  );
}
