// Typings for nianbao-check-element.js (the package's `./element`). Importing the module defines
// <nianbao-check> once; the element's type and events are declared in nianbao-check.d.ts, which
// this file pulls in (and with it the HTMLElementTagNameMap entry).
import type { NianbaoCheckElement as Element } from './nianbao-check.js';

export type { NianbaoCheckStartDetail, NianbaoCheckDoneDetail, NianbaoCheckErrorDetail } from './nianbao-check.js';
export type NianbaoCheckElement = Element;
/** The element's class (already defined as `nianbao-check`). */
export declare const NianbaoCheckElement: { prototype: Element; new (): Element };
/** The default of the `accept` attribute. */
export declare const DEFAULT_ACCEPT: string;
/** The default of `max-size`: 52428800 bytes (50 MiB). */
export declare const DEFAULT_MAX_SIZE: number;
