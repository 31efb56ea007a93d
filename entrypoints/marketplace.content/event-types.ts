/**
 * Every event type a browser can aim at an element, for the input shield to listen to. Written out
 * rather than read from the element prototypes' `on…` properties when the script starts: reading
 * them makes the browser build every element interface in the script's fresh world, the largest
 * part of the content script's start on every marketplace page. A newer browser's new event types
 * are caught by the end-to-end test that compares this list with the prototypes of real Chromium
 * and Firefox (tests/e2e/recognition.test.ts). Events only a window receives are left out: none
 * is aimed at an element, and listening to some of them (`unload`, `devicemotion`) changes how the
 * browser treats the page.
 */
export const elementEventTypes: readonly string[] = [
  // Pointer, mouse, wheel and touch.
  'auxclick', 'click', 'contextmenu', 'dblclick', 'mousedown', 'mouseenter', 'mouseleave', 'mousemove', 'mouseout', 'mouseover', 'mouseup',
  'mousewheel', 'wheel', 'pointercancel', 'pointerdown', 'pointerenter', 'pointerleave', 'pointermove', 'pointerout', 'pointerover',
  'pointerrawupdate', 'pointerup', 'gotpointercapture', 'lostpointercapture', 'touchstart', 'touchmove', 'touchend', 'touchcancel',
  // Drag and drop.
  'drag', 'dragend', 'dragenter', 'dragexit', 'dragleave', 'dragover', 'dragstart', 'drop',
  // Keyboard, focus, text input and selection.
  'keydown', 'keypress', 'keyup', 'focus', 'blur', 'focusin', 'focusout', 'DOMActivate', 'DOMFocusIn', 'DOMFocusOut', 'beforeinput', 'input',
  'textInput', 'compositionstart', 'compositionupdate', 'compositionend', 'select', 'selectstart', 'selectionchange', 'beforexrselect',
  // Clipboard.
  'beforecopy', 'beforecut', 'beforepaste', 'copy', 'cut', 'paste',
  // Forms, dialogs, popovers and commands.
  'change', 'invalid', 'reset', 'submit', 'formdata', 'search', 'cancel', 'close', 'command', 'beforetoggle', 'toggle', 'beforematch',
  // Animations and transitions, which run on the marks' own style.
  'animationcancel', 'animationend', 'animationiteration', 'animationstart', 'webkitanimationend', 'webkitanimationiteration',
  'webkitanimationstart', 'transitioncancel', 'transitionend', 'transitionrun', 'transitionstart', 'webkittransitionend',
  // Loading, media and canvases.
  'abort', 'error', 'load', 'loadstart', 'progress', 'canplay', 'canplaythrough', 'cuechange', 'durationchange', 'emptied', 'ended',
  'loadeddata', 'loadedmetadata', 'pause', 'play', 'playing', 'ratechange', 'seeked', 'seeking', 'stalled', 'suspend', 'timeupdate',
  'volumechange', 'waiting', 'contextlost', 'contextrestored',
  // Scrolling, sizing, full screen and the rest.
  'resize', 'scroll', 'scrollend', 'scrollsnapchange', 'scrollsnapchanging', 'fullscreenchange', 'fullscreenerror', 'mozfullscreenchange',
  'mozfullscreenerror', 'webkitfullscreenchange', 'webkitfullscreenerror', 'contentvisibilityautostatechange', 'securitypolicyviolation',
  'slotchange',
];
