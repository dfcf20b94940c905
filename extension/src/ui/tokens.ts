// The design tokens as CSS text, for UI drawn in a page's shadow root (the NMC banner): the same values the
// extension pages get from base.css, from the one file that defines them.
import tokensCss from './tokens.css?inline';

export const TOKENS_CSS: string = tokensCss;
