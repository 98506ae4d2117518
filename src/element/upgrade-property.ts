/**
 * A page or framework may set a property on the tag before the element is defined; that own
 * property would hide the class's accessor, so an element takes its value through the accessor
 * when it connects (the "lazy properties" pattern of web.dev's custom element best practices).
 */
export function upgradeProperty<T extends object>(element: T, key: keyof T & string): void {
  if (!Object.prototype.hasOwnProperty.call(element, key)) return;
  const value = element[key];
  delete element[key];
  element[key] = value;
}
