import { useEffect, useState } from 'react';

/** The window's height minus what sits above and below a full-height element (list grids). */
export function useWindowHeight(minus: number): number {
  const [height, setHeight] = useState(() => Math.max(320, window.innerHeight - minus));
  useEffect(() => {
    const onResize = () => setHeight(Math.max(320, window.innerHeight - minus));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [minus]);
  return height;
}
