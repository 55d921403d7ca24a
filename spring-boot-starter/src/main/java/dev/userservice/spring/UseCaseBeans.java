package dev.userservice.spring;

import dev.userservice.application.UserService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Every use case of {@link UserService} as a bean of its own type, named as its component
 * ({@code registerUser}, {@code authenticateUser}, …), so a host injects just the one it calls.
 * Each is the instance inside the one {@code UserService} bean, never a second graph: the
 * components are read off the record, so a use case added there is a bean here too.
 */
final class UseCaseBeans implements ImportBeanDefinitionRegistrar, BeanFactoryAware {

  private BeanFactory beanFactory;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata,
      BeanDefinitionRegistry registry) {
    for (RecordComponent component : UserService.class.getRecordComponents()) {
      if (!registry.containsBeanDefinition(component.getName())) {
        registry.registerBeanDefinition(component.getName(),
            definition(component.getType(), component.getAccessor()));
      }
    }
  }

  private <T> RootBeanDefinition definition(Class<T> type, Method accessor) {
    Supplier<T> instance = () -> {
      try {
        return type.cast(accessor.invoke(beanFactory.getBean(UserService.class)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + accessor.getName() + " of UserService",
            e);
      }
    };
    return new RootBeanDefinition(type, instance);
  }
}
