// Types of the risk API (contract/risk.ts). Type-only imports: no zod in the browser bundle.
import type { z } from 'zod';
import type * as C from '../../../../contract/risk';

export type RiskCategory = z.infer<typeof C.RiskCategory>;
export type WordCategory = z.infer<typeof C.WordCategory>;
export type RiskAction = z.infer<typeof C.RiskAction>;
export type Severity = z.infer<typeof C.Severity>;
export type RiskPolicy = z.infer<typeof C.RiskPolicy>;
export type RiskPolicyView = z.infer<typeof C.RiskPolicyView>;
export type Word = z.infer<typeof C.Word>;
export type ImportResult = z.infer<typeof C.ImportResult>;
export type AdLawTerm = z.infer<typeof C.AdLawTerm>;
export type BrandKit = z.infer<typeof C.BrandKit>;
export type BrandKitBody = z.input<typeof C.BrandKitBody>;
export type ScreenBody = z.infer<typeof C.ScreenBody>;
export type Finding = z.infer<typeof C.Finding>;
export type ScreenResult = z.infer<typeof C.ScreenResult>;
export type PostScreening = z.infer<typeof C.PostScreening>;

export const WORD_CATEGORIES: WordCategory[] = ['sensitive', 'brand_banned', 'competitor', 'custom'];
export const POLICY_CATEGORIES: RiskCategory[] = ['ad_law', 'sensitive', 'brand_banned', 'competitor', 'custom', 'brand_required'];
export const SEVERITIES: Severity[] = ['high', 'medium', 'low'];
export const SEVERITY_COLOR: Record<string, string> = { high: 'red', medium: 'orange', low: 'default' };
